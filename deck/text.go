package deck

// parseText parses a page saved as text.
func parseText(text string) chapter {
	return chapter{}
}
