// Package reports runs the reports' queries: the figures of the reports
// page and the silent customers, each page's reads in one snapshot
// (store.ReportTx), and the rollup (report_days) they read from.
package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/store"
)

// Opts configures a Service.
type Opts struct {
	Pool *pgxpool.Pool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Service reads the reports.
type Service struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

// New returns a Service.
func New(o Opts) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{pool: o.Pool, now: o.Now}
}

// Query is what a report covers: a range of the reader's calendar days in
// their zone, and optional branch (an id; 0 for all), category and
// script.
type Query struct {
	Range report.Range
	// Loc is the reader's zone; WeekStart their week's first day, where a
	// weekly trend's buckets start.
	Loc       *time.Location
	WeekStart time.Weekday
	BranchID  int64
	Category  string
	Script    string
}

// Grouping sets of the report queries, as GROUPING() numbers them.
const (
	grpBucket   = 3 // ReportFollowUps: (bucket)
	grpBranch   = 5 // ReportFollowUps: (branch)
	grpCategory = 6 // ReportFollowUps: (category)

	issuesAll      = 3 // ReportIssues: ()
	issuesBranch   = 1 // ReportIssues: (branch)
	issuesCategory = 2 // ReportIssues: (category)
)

// FollowUps are the follow-ups of a range as the database counted them in
// one scan: by trend bucket, by branch and by category.
type FollowUps struct {
	Buckets    report.Buckets
	Total      store.ReportFollowUpsRow // the sum of the buckets, which partition the range
	Trend      []store.ReportFollowUpsRow
	Branches   []store.ReportFollowUpsRow
	Categories []store.ReportFollowUpsRow
}

// Figures is everything the reports page counts.
type Figures struct {
	FollowUps
	Issues           store.ReportIssuesRow
	IssuesByBranch   map[int64]store.ReportIssuesRow // 0: no branch
	IssuesByCategory map[string]store.ReportIssuesRow
	Causes           []store.ReportRootCausesRow
	// AskedRecently counts the range's sales (by sale time) that were
	// linked to an earlier follow-up of their customer instead of getting
	// their own: "not asked again: asked recently".
	AskedRecently int64
	// BranchNames are every branch by id, read in the same snapshot as
	// the figures, so each row of Branches finds its names.
	BranchNames map[int64]store.Branch
}

// Figures runs the reports page's queries in one snapshot.
func (s *Service) Figures(ctx context.Context, rq Query) (Figures, error) {
	var d Figures
	from, to := rq.Range.Instants(rq.Loc)
	q := store.New()
	err := store.ReportTx(ctx, s.pool, func(tx pgx.Tx) error {
		set, err := silenceSettings(ctx, tx)
		if err != nil {
			return err
		}
		if d.FollowUps, err = followUps(ctx, tx, rq, set); err != nil {
			return err
		}
		issues, err := q.ReportIssues(ctx, tx, store.ReportIssuesParams{
			FromAt: from, ToAt: to, BranchID: rq.BranchID, Category: rq.Category, Script: rq.Script,
		})
		if err != nil {
			return fmt.Errorf("counting issues: %w", err)
		}
		d.IssuesByBranch = map[int64]store.ReportIssuesRow{}
		d.IssuesByCategory = map[string]store.ReportIssuesRow{}
		for _, row := range issues {
			switch row.Grp {
			case issuesAll:
				d.Issues = row
			case issuesBranch:
				d.IssuesByBranch[row.BranchID] = row
			case issuesCategory:
				d.IssuesByCategory[row.Category] = row
			}
		}
		d.Causes, err = q.ReportRootCauses(ctx, tx, store.ReportRootCausesParams{
			FromAt: &from, ToAt: &to, BranchID: rq.BranchID, Category: rq.Category, Script: rq.Script,
		})
		if err != nil {
			return fmt.Errorf("counting root causes: %w", err)
		}
		d.AskedRecently, err = q.ReportAskedRecently(ctx, tx, store.ReportAskedRecentlyParams{
			FromAt: from, ToAt: to, BranchID: rq.BranchID, Category: rq.Category, Script: rq.Script,
		})
		if err != nil {
			return fmt.Errorf("counting sales not asked again: %w", err)
		}
		d.BranchNames, err = BranchNames(ctx, tx)
		return err
	})
	return d, err
}

// Silent is one page of the silent customers with what it needs around it.
type Silent struct {
	// Settings are the neutral ranges the list was made with.
	Settings store.SilenceSettingsGetRow
	// Total counts the range's follow-ups; Silent among them is the list's
	// length.
	Total store.ReportFollowUpsRow
	Rows  []store.SilentListRow
	// Page is the page shown, at most Pages.
	Page, Pages int
}

// SilentPage reads page (from 1) of size silent customers, their count
// and the settings in one snapshot.
func (s *Service) SilentPage(ctx context.Context, rq Query, page, size int) (Silent, error) {
	var out Silent
	err := store.ReportTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if out.Settings, err = silenceSettings(ctx, tx); err != nil {
			return err
		}
		counts, err := followUps(ctx, tx, rq, out.Settings)
		if err != nil {
			return err
		}
		out.Total = counts.Total
		out.Pages = max(1, int((counts.Total.Silent+int64(size)-1)/int64(size)))
		out.Page = min(page, out.Pages)
		out.Rows, err = silentRows(ctx, tx, rq, out.Settings, size, (out.Page-1)*size)
		return err
	})
	return out, err
}

// SilentAll lists at most limit silent customers, for a download.
func (s *Service) SilentAll(ctx context.Context, rq Query, limit int) ([]store.SilentListRow, error) {
	var rows []store.SilentListRow
	err := store.ReportTx(ctx, s.pool, func(tx pgx.Tx) error {
		set, err := silenceSettings(ctx, tx)
		if err != nil {
			return err
		}
		rows, err = silentRows(ctx, tx, rq, set, limit, 0)
		return err
	})
	return rows, err
}

// SilenceSettings are the neutral ranges as they stand.
func (s *Service) SilenceSettings(ctx context.Context) (store.SilenceSettingsGetRow, error) {
	return silenceSettings(ctx, s.pool)
}

// BranchNames are every branch by id.
func BranchNames(ctx context.Context, db store.DBTX) (map[int64]store.Branch, error) {
	list, err := store.New().BranchList(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("listing branches: %w", err)
	}
	out := make(map[int64]store.Branch, len(list))
	for _, b := range list {
		out[b.ID] = b
	}
	return out, nil
}

func silenceSettings(ctx context.Context, db store.DBTX) (store.SilenceSettingsGetRow, error) {
	set, err := store.New().SilenceSettingsGet(ctx, db)
	if err != nil {
		return set, fmt.Errorf("reading the neutral ranges: %w", err)
	}
	return set, nil
}

func silentRows(ctx context.Context, db store.DBTX, rq Query, set store.SilenceSettingsGetRow, limit, skip int) ([]store.SilentListRow, error) {
	from, to := rq.Range.Instants(rq.Loc)
	rows, err := store.New().SilentList(ctx, db, store.SilentListParams{
		FromAt: from, ToAt: to, BranchID: rq.BranchID, Category: rq.Category,
		NeutralRatingLo: set.RatingLo, NeutralRatingHi: set.RatingHi, NeutralNpsLo: set.NpsLo, NeutralNpsHi: set.NpsHi,
		MaxRows: int32(limit), SkipRows: int32(skip),
	})
	if err != nil {
		return nil, fmt.Errorf("listing silent customers: %w", err)
	}
	return rows, nil
}

// followUps counts follow-ups with the neutral ranges in set; db is the
// report's transaction.
func followUps(ctx context.Context, db store.DBTX, rq Query, set store.SilenceSettingsGetRow) (FollowUps, error) {
	c := FollowUps{Buckets: report.Bucketing(rq.Range, rq.WeekStart)}
	q := store.New()
	built, err := q.ReportDaysState(ctx, db)
	if err != nil {
		return c, fmt.Errorf("reading the rollup state: %w", err)
	}
	var through time.Time
	if built.Valid {
		through = built.Time
	}
	_, to := rq.Range.Instants(rq.Loc)
	liveFrom, rolledFrom, rolledTo := rq.Range.Split(rq.Loc, through)
	rows, err := q.ReportFollowUps(ctx, db, store.ReportFollowUpsParams{
		StrideDays: int32(c.Buckets.StrideDays), Tz: rq.Loc.String(), Origin: c.Buckets.Origin,
		NeutralRatingLo: set.RatingLo, NeutralRatingHi: set.RatingHi, NeutralNpsLo: set.NpsLo, NeutralNpsHi: set.NpsHi,
		LiveFrom: liveFrom, ToAt: to, RolledFrom: rolledFrom, RolledTo: rolledTo,
		BranchID: rq.BranchID, Category: rq.Category, Script: rq.Script,
	})
	if err != nil {
		return c, fmt.Errorf("counting follow-ups: %w", err)
	}
	c.Trend = make([]store.ReportFollowUpsRow, len(c.Buckets.Starts))
	for i := range c.Trend {
		c.Trend[i].Bucket = c.Buckets.Starts[i]
	}
	for _, row := range rows {
		switch row.Grp {
		case grpBucket:
			if i := c.Buckets.Index(row.Bucket); i >= 0 {
				c.Trend[i] = row
			}
			add(&c.Total, row)
		case grpBranch:
			c.Branches = append(c.Branches, row)
		case grpCategory:
			c.Categories = append(c.Categories, row)
		}
	}
	return c, nil
}

func add(t *store.ReportFollowUpsRow, r store.ReportFollowUpsRow) {
	t.Due += r.Due
	t.Completed += r.Completed
	t.Unreachable += r.Unreachable
	t.Ended += r.Ended
	t.Silent += r.Silent
	t.RatingN += r.RatingN
	t.RatingTop += r.RatingTop
	t.NpsN += r.NpsN
	t.NpsPromoters += r.NpsPromoters
	t.NpsDetractors += r.NpsDetractors
}
