package intake

// SetFailAfterSales breaks the transaction after the sales are written.
func (s *Service) SetFailAfterSales(f func() error) { s.failAfterSales = f }
