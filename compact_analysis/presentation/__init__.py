"""The presentation: sections of a paper as escaped HTML, charts with alt text, sentences in words."""
