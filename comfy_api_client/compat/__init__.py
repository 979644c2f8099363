"""The first release's names (comfy-api-client 0.1.0), kept working."""
