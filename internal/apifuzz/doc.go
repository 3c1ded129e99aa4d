// Package apifuzz holds the API fuzzer: a property-based test that walks
// the OpenAPI document the server serves and sends what it finds there,
// valid and invalid bodies, wrong methods, odd path values and keys of
// every kind, and holds every answer to the document. It has no code
// outside its tests; run it longer with
//
//	go test ./internal/apifuzz/ -count=1 -v -args -requests 20000
package apifuzz
