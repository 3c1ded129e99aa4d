package app_test

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The layers of docs/design.md ("Packages: what each owns and what it may
// import"), checked on the source so that a shortcut fails here instead of
// in a review.

const module = "github.com/tamas-app/tamas/"

// domain packages hold rules as functions of plain values.
var domain = []string{
	"scripts", "internal/schedule", "internal/calls", "internal/casework", "internal/sales",
	"internal/report", "internal/survey", "internal/auth", "internal/apikey", "internal/charts",
	"internal/i18n", "internal/invalid",
}

// notInDomain are what a domain package must not reach for: the database,
// River, HTTP and Twilio's REST client (TwiML, a document format, is fine).
var notInDomain = []string{
	module + "internal/store", "github.com/jackc/pgx/v5", "github.com/riverqueue/river", "net/http",
	"github.com/twilio/twilio-go", "github.com/twilio/twilio-go/rest/api/v2010",
}

// imports maps each package of the module (relative path) to the module
// packages and outside packages its non-test files import.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = pkg.Imports
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 30 {
		t.Fatalf("found only %d packages under %s", len(out), root)
	}
	return out
}

func TestNothingInternalImportsJobsOrApp(t *testing.T) {
	t.Parallel()
	for pkg, imps := range imports(t) {
		if !strings.HasPrefix(pkg, "internal/") && pkg != "scripts" && pkg != "templates" {
			continue
		}
		for _, banned := range []string{module + "jobs", module + "app"} {
			if slices.Contains(imps, banned) {
				t.Errorf("%s imports %s: workers and wiring sit above every service", pkg, banned)
			}
		}
	}
}

func TestDomainPackagesStayPure(t *testing.T) {
	t.Parallel()
	all := imports(t)
	for _, pkg := range domain {
		imps, ok := all[pkg]
		if !ok {
			t.Errorf("domain package %s not found", pkg)
			continue
		}
		for _, imp := range imps {
			if slices.Contains(notInDomain, imp) {
				t.Errorf("%s imports %s", pkg, imp)
			}
			if strings.HasPrefix(imp, module) && !slices.Contains(domain, strings.TrimPrefix(imp, module)) {
				t.Errorf("domain package %s imports %s, which is not domain", pkg, imp)
			}
		}
	}
}

func TestStoreAndTwilioStandAlone(t *testing.T) {
	t.Parallel()
	all := imports(t)
	allowed := map[string][]string{
		"internal/store":  {module + "internal/schedule"},
		"internal/twilio": nil,
	}
	for pkg, ok := range allowed {
		for _, imp := range all[pkg] {
			if strings.HasPrefix(imp, module) && !slices.Contains(ok, imp) {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}

// Handlers parse, call one service method and render: the services own the
// transactions.
func TestWebOpensNoTransaction(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../internal/web/*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && (x.Name == "store" && (sel.Sel.Name == "InTx" || sel.Sel.Name == "ReportTx") ||
				x.Name == "pgx" && strings.HasPrefix(sel.Sel.Name, "Begin")) {
				t.Errorf("%s: %s.%s: a web handler opens a transaction", fset.Position(sel.Pos()), x.Name, sel.Sel.Name)
			}
			return true
		})
	}
	if len(files) < 20 {
		t.Fatalf("found only %d files in internal/web", len(files))
	}
}
