package i18n

// Messages for invalid.Problem codes ("invalid." + code); i18n.Problem
// fills them.
func init() {
	messages.add(catalog{
		"invalid.required": {EN: "required", FA: "لازم است"},
		"invalid.too_long": {EN: "at most %s characters", FA: "حداکثر %s نویسه"},
	})
}
