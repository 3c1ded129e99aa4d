package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webshop"
)

const webshopUsage = "usage: tamas webshop set SOURCE shopify|woocommerce [--category CATEGORY] | list"

// webshop sets a source up to take a web shop's order webhooks: its
// platform, the secret its webhooks are signed with and the category of
// sales whose items name none (docs/webshops.md). The secret is read from
// standard input, never from the command line, where other users of the
// machine could read it, and is never printed back in full.
func (e *env) webshop(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageError{webshopUsage}
	}
	switch args[0] {
	case "set":
		fs := flag.NewFlagSet("webshop set", flag.ContinueOnError)
		fs.SetOutput(e.stderr)
		category := fs.String("category", "", "follow-up rule category of sales whose items name none")
		if err := fs.Parse(args[1:]); err != nil {
			return usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) != 2 || strings.TrimSpace(rest[0]) == "" {
			return usageError{webshopUsage}
		}
		if !slices.Contains(webshop.Platforms, rest[1]) {
			return usageError{fmt.Sprintf("set: platform %q is not one of %s", rest[1], strings.Join(webshop.Platforms, ", "))}
		}
		return e.webshopSet(ctx, strings.TrimSpace(rest[0]), rest[1], sales.Category(*category))
	case "list":
		return e.webshopList(ctx)
	default:
		return usageError{fmt.Sprintf("unknown webshop command %q; use set or list", args[0])}
	}
}

func (e *env) webshopSet(ctx context.Context, source, platform, category string) error {
	if utf8.RuneCountInString(source) > 100 || utf8.RuneCountInString(category) > 200 {
		return usageError{"set: SOURCE is at most 100 characters, CATEGORY at most 200"}
	}
	secret, err := e.readSecret()
	if err != nil {
		return err
	}
	if len(secret) > 200 || strings.IndexFunc(secret, sales.IsControl) >= 0 || !utf8.ValidString(secret) {
		return usageError{"set: the secret is at most 200 characters of text"}
	}
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := store.New().SourceShopSet(ctx, pool, store.SourceShopSetParams{
		Name: source, ShopPlatform: platform, ShopSecret: secret, ShopCategory: category,
	}); err != nil {
		return fmt.Errorf("setting web shop: %w", err)
	}
	fmt.Fprintf(e.stdout, "source %q takes %s webhooks at /webhooks/%s/%s\n", source, platform, platform, source)
	return nil
}

// readSecret reads the signing secret: without echo on a terminal, else
// one line from standard input.
func (e *env) readSecret() (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Webhook secret: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("reading secret: %w", err)
		}
		if len(b) == 0 {
			return "", usageError{"set: the secret is empty"}
		}
		return string(b), nil
	}
	return e.stdinLine("webhook secret")
}

func (e *env) webshopList(ctx context.Context) error {
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	rows, err := store.New().SourceShopList(ctx, pool)
	if err != nil {
		return fmt.Errorf("listing web shops: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tPLATFORM\tSECRET\tCATEGORY")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t…%s\t%s\n", r.Name, r.ShopPlatform, r.SecretTail, r.ShopCategory)
	}
	return tw.Flush()
}
