"""Integrations: the command line, Celery, waiting on many prompts."""
