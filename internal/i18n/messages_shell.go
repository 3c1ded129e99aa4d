package i18n

// The site's shell: who did what, the queue's callbacks, confirmations of
// destructive actions and what a saved call raised.
func init() {
	messages.add(catalog{
		// Who made a change that tamas made by itself (a job, the API).
		"audit.automatic": {
			EN: "tamas (automatic)",
			FA: "تماس (خودکار)",
		},
		// %s: the date a recovery call is due.
		"history.recovery_due": {
			EN: "due %s",
			FA: "موعد %s",
		},
	})
}
