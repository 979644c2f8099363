"""Notebook display: HTML of results, prompts and workflows; progress bars."""
