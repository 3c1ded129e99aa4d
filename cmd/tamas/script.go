package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/scripts"
)

const scriptUsage = "usage: tamas script lint FILE | import FILE [--publish] | export NAME [--locale fa|en] [--version N]"

// lintExit carries `tamas script lint`'s exit status: 1 for findings, 2 for
// a file that cannot be read.
type lintExit struct {
	code int
	msg  string
}

func (e lintExit) Error() string { return e.msg }

func (e *env) script(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageError{scriptUsage}
	}
	switch args[0] {
	case "lint":
		if len(args) != 2 {
			return usageError{"usage: tamas script lint FILE"}
		}
		g, err := e.guard()
		if err != nil {
			return err
		}
		return e.scriptLint(args[1], g)
	case "import":
		return e.scriptImport(ctx, args[1:])
	case "export":
		return e.scriptExport(ctx, args[1:])
	default:
		return usageError{scriptUsage}
	}
}

func readScript(path string) (scripts.Version, error) {
	f, err := os.Open(path)
	if err != nil {
		return scripts.Version{}, lintExit{2, fmt.Sprintf("%s: %v", path, err)}
	}
	defer f.Close()
	v, err := scripts.DecodeYAML(f)
	if err != nil {
		return scripts.Version{}, lintExit{2, fmt.Sprintf("%s: %v", path, err)}
	}
	return v, nil
}

// scriptLint runs every check, the guard included, and stores nothing.
func (e *env) scriptLint(path string, g scripts.Guard) error {
	v, err := readScript(path)
	if err != nil {
		return err
	}
	findings := g.Publishable(v)
	if len(findings) == 0 {
		fmt.Fprintf(e.stdout, "%s: %s (%s) can be published\n", path, v.Name, v.Locale)
		return nil
	}
	printFindings(e.stdout, findings)
	return lintExit{1, fmt.Sprintf("%s: %d finding(s); the version cannot be published", path, len(findings))}
}

func printFindings(w interface{ Write([]byte) (int, error) }, findings []scripts.Finding) {
	for _, f := range findings {
		words := "-"
		if len(f.Words) > 0 {
			words = `"` + strings.Join(f.Words, `", "`) + `"`
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", f.Where, words, i18n.Problem(i18n.EN, f.Problem))
	}
}

func (e *env) scriptImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("script import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	publish := fs.Bool("publish", false, "publish the version if every check passes (otherwise it is stored as a draft)")
	if err := fs.Parse(reorderFlags(args)); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 1 {
		return usageError{"usage: tamas script import FILE [--publish]"}
	}
	v, err := readScript(fs.Arg(0))
	if err != nil {
		return err
	}
	if problems := v.Validate(); len(problems) > 0 {
		printFindings(e.stdout, scripts.Guard{}.Publishable(v))
		return lintExit{1, fmt.Sprintf("%s is not a valid script; nothing was stored", fs.Arg(0))}
	}
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	g, err := e.guard()
	if err != nil {
		return err
	}
	_, n, findings, err := editor.New(editor.Opts{Pool: pool, Guard: g}).Import(ctx, v, "cli:"+currentUser(), *publish)
	if err != nil {
		return err
	}
	switch {
	case len(findings) > 0:
		printFindings(e.stdout, findings)
		return lintExit{1, fmt.Sprintf("stored as a draft of %s (%s); not published: %d finding(s)", v.Name, v.Locale, len(findings))}
	case *publish:
		fmt.Fprintf(e.stdout, "published %s (%s) version %d\n", v.Name, v.Locale, n)
	default:
		fmt.Fprintf(e.stdout, "stored as the draft of %s (%s); publish it on the scripts page or with --publish\n", v.Name, v.Locale)
	}
	return nil
}

func (e *env) scriptExport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("script export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	locale := fs.String("locale", "en", "the script's language")
	version := fs.Int("version", 0, "version number (default: the newest published)")
	if err := fs.Parse(reorderFlags(args)); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 1 {
		return usageError{"usage: tamas script export NAME [--locale fa|en] [--version N]"}
	}
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	v, _, err := editor.New(editor.Opts{Pool: pool}).Export(ctx, fs.Arg(0), *locale, *version)
	if err != nil {
		return err
	}
	return scripts.EncodeYAML(e.stdout, v)
}

func currentUser() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}
