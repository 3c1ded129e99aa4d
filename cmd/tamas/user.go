package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/users"
)

func (e *env) user(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return usageError{"usage: tamas user add NAME --role agent|supervisor|service|admin [--locale fa|en] [--name \"Display Name\"] [--timezone ZONE]"}
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	role := fs.String("role", "", "agent, supervisor, service or admin (required)")
	locale := fs.String("locale", "en", "language of the user's pages: fa or en")
	display := fs.String("name", "", "display name")
	tz := fs.String("timezone", "", "the user's time zone (default: Asia/Tehran for fa, else UTC)")
	if err := fs.Parse(reorderFlags(args[1:])); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 1 {
		return usageError{"usage: tamas user add NAME --role ROLE (the password is read from standard input)"}
	}
	username := strings.ToLower(fs.Arg(0))
	if err := auth.ValidUsername(username); err != nil {
		return usageError{"NAME: " + err.Error()}
	}
	r, err := auth.ParseRole(*role)
	if err != nil {
		return usageError{"--role: " + err.Error()}
	}
	lang := i18n.Parse(*locale)
	zone := *tz
	if zone == "" {
		zone = "UTC"
		if lang == i18n.FA {
			zone = "Asia/Tehran"
		}
	}
	if err := checkZone(zone); err != nil {
		return usageError{fmt.Sprintf("--timezone: unknown time zone %q", zone)}
	}
	password, err := e.readPassword()
	if err != nil {
		return err
	}
	if probs := auth.CheckNewPassword("password", password, username, *display); len(probs) > 0 {
		return fmt.Errorf("password: %s", i18n.Problem(i18n.EN, probs[0]))
	}
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	id, err := users.New(users.Opts{Pool: pool}).Create(ctx, "cli", users.NewUser{
		Username: username, DisplayName: *display, Role: string(r), Locale: lang, Timezone: zone, Password: password,
	})
	if probs, ok := invalid.From(err); ok {
		return fmt.Errorf("%s: %s", probs[0].Field, i18n.Problem(i18n.EN, probs[0]))
	}
	if err != nil {
		return fmt.Errorf("adding user: %w", err)
	}
	fmt.Fprintf(e.stdout, "user %s (%s) added with id %d\n", username, r, id)
	return nil
}

// readPassword prompts twice on a terminal, without echo; otherwise it
// reads one line from standard input, so scripts can pipe it in.
func (e *env) readPassword() (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Password: ")
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("reading password: %w", err)
		}
		fmt.Fprint(e.stderr, "Again: ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("reading password: %w", err)
		}
		if string(p1) != string(p2) {
			return "", errors.New("the two passwords differ")
		}
		return string(p1), nil
	}
	return e.stdinLine("password")
}

// stdinLine reads one line, what, from standard input.
func (e *env) stdinLine(what string) (string, error) {
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading %s from standard input: %w", what, err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("no %s on standard input", what)
	}
	return line, nil
}

// checkZone refuses "Local", which would mean whatever zone the server has.
func checkZone(name string) error {
	if name == "Local" {
		return errors.New("Local is not a zone")
	}
	_, err := time.LoadLocation(name)
	return err
}
