package invalid

// Term is an argument that is itself worded per language: the message key
// whose text fills the verb. A reason found in code ("an offer") then reads
// in the reader's language instead of the language of the code that found
// it; i18n.Problem looks the key up.
type Term string
