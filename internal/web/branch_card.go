package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"strconv"
	"strings"

	qrcode "github.com/yeqown/go-qrcode/v2"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

// branchCardPage is a branch's printable satisfaction card: a QR code of
// the branch's signed survey address, the names in both languages and the
// address as text.
func (s *Server) branchCardPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "branches.unknown")
		return
	}
	token, b, err := s.surveys.CardToken(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "branches.unknown")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	link := s.publicBase(r) + "/b/" + token
	img, err := qrPNG(link)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.BranchCardView{
		Page: s.page(r, "card.page_title", "branch-card"), NameEn: or(b.NameEn, b.Code), NameFa: or(b.NameFa, b.Code),
		QR: "data:image/png;base64," + base64.StdEncoding.EncodeToString(img), URL: link,
	}
	s.render(w, r, http.StatusOK, templates.BranchCard(v))
}

// publicBase is the address customers reach tamas at: PUBLIC_BASE_URL
// when set, else the address this request came to.
func (s *Server) publicBase(r *http.Request) string {
	if s.twilio.PublicBaseURL != "" {
		return strings.TrimSuffix(s.twilio.PublicBaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// qrPNG draws text's QR code as a PNG, 8 pixels a module with the
// standard four-module quiet zone, at the high error-correction level so a
// scuffed print still scans.
func qrPNG(text string) ([]byte, error) {
	qr, err := qrcode.NewWith(text, qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionHighest))
	if err != nil {
		return nil, err
	}
	var grid bitmapWriter
	if err := qr.Save(&grid); err != nil {
		return nil, err
	}
	const scale, quiet = 8, 4
	n := len(grid.bits)
	side := (n + 2*quiet) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y, row := range grid.bits {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray((x+quiet)*scale+dx, (y+quiet)*scale+dy, color.Gray{})
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// bitmapWriter keeps the modules go-qrcode hands its writers.
type bitmapWriter struct{ bits [][]bool }

func (b *bitmapWriter) Write(m qrcode.Matrix) error { b.bits = m.Bitmap(); return nil }
func (b *bitmapWriter) Close() error                { return nil }
