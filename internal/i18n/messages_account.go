package i18n

// Passwords: a user changing their own (/account/password) and an admin
// resetting one on the users page.
func init() {
	messages.add(catalog{
		"nav.password": {
			EN: "My password",
			FA: "گذرواژهٔ من",
		},
		"account.password.title": {
			EN: "Change your password",
			FA: "تغییر گذرواژه",
		},
		// %s: the fewest characters.
		"account.password.hint": {
			EN: "At least %s characters. A phrase of several unrelated words is strong and easy to remember. Your other signed-in sessions will be signed out.",
			FA: "دست‌کم %s نویسه. عبارتی از چند واژهٔ بی‌ربط هم قوی است و هم به‌آسانی به یاد می‌ماند. نشست‌های دیگر شما بسته خواهند شد.",
		},
		"account.password.current": {
			EN: "Current password",
			FA: "گذرواژهٔ کنونی",
		},
		"account.password.new": {
			EN: "New password",
			FA: "گذرواژهٔ تازه",
		},
		"account.password.again": {
			EN: "New password again",
			FA: "تکرار گذرواژهٔ تازه",
		},
		"account.password.submit": {
			EN: "Change password",
			FA: "تغییر گذرواژه",
		},
		"account.password.changed": {
			EN: "Your password was changed; your other sessions were signed out.",
			FA: "گذرواژهٔ شما تغییر کرد و نشست‌های دیگرتان بسته شد.",
		},
		"users.password": {
			EN: "Password",
			FA: "گذرواژه",
		},
		"users.reset": {
			EN: "Reset password",
			FA: "بازنشانی گذرواژه",
		},
		// %s: the username.
		"users.reset_new": {
			EN: "New password for %s",
			FA: "گذرواژهٔ تازهٔ %s",
		},
		// %s: the username.
		"users.password_reset": {
			EN: "The password of %s was reset and their sessions were signed out. Give them the new password in person or by phone.",
			FA: "گذرواژهٔ %s بازنشانی شد و نشست‌های او بسته شد. گذرواژهٔ تازه را حضوری یا تلفنی به او بدهید.",
		},
	})
}
