package scripts

// Recovery returns the seeded recovery script for a locale: the call back
// after service staff resolved an issue, to ask whether the fix held. It
// says why we call and asks nothing else; "no" raises a new issue, because
// a fix the customer does not feel is not a fix.
func Recovery(locale string) Version {
	if baseLanguage(locale) == "fa" {
		return recoveryFa()
	}
	return recoveryEn()
}

func recoveryEn() Version {
	return Version{
		Name:   "recovery",
		Locale: "en",
		Intro: "Hello {customer}, this is {agent} from the {branch} branch. " +
			"You told us about a problem with your {product}, and our team has worked on it. " +
			"We're calling to check that it is really fixed. This is not a sales call. Is now a good time?",
		Questions: []Question{
			{
				Key:      "fixed",
				Prompt:   "Was the problem fixed to your satisfaction?",
				Type:     YesNo,
				Required: true,
				Trigger:  &Trigger{Equals: "no", Severity: SeverityHigh, Category: "not_fixed"},
			},
			{
				Key:    "comments",
				Prompt: "Is there anything still wrong, or anything you'd like us to know?",
				Type:   Text,
			},
		},
		Closing: "Thank you, {customer}. If anything goes wrong again, please call or visit the {branch} branch. Have a good day.",
	}
}

func recoveryFa() Version {
	return Version{
		Name:   "recovery",
		Locale: "fa",
		Intro: "سلام، وقت بخیر. {customer} گرامی، {agent} هستم از شعبه‌ی {branch}. " +
			"شما درباره‌ی مشکلی در {product} به ما خبر داده بودید و همکاران ما آن را پیگیری کرده‌اند. " +
			"تماس گرفته‌ام تا مطمئن شوم مشکل واقعاً برطرف شده است. این تماس برای فروش نیست. آیا الان فرصت دارید؟",
		Questions: []Question{
			{
				Key:      "fixed",
				Prompt:   "آیا مشکل به‌طوری که راضی باشید برطرف شد؟",
				Type:     YesNo,
				Required: true,
				Trigger:  &Trigger{Equals: "no", Severity: SeverityHigh, Category: "not_fixed"},
			},
			{
				Key:    "comments",
				Prompt: "آیا هنوز مشکلی هست، یا نکته‌ای که بخواهید با ما در میان بگذارید؟",
				Type:   Text,
			},
		},
		Closing: "{customer} گرامی، سپاسگزاریم. اگر دوباره مشکلی پیش آمد، لطفاً با شعبه‌ی {branch} تماس بگیرید یا سری به ما بزنید. روزتان خوش.",
	}
}
