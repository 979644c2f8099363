"""Workflows: loading, templating, validation, conversion, metadata, preparation."""
