"""The use-case layer: what the CLI and the web dashboard ask of netvalue, answered in typed results."""
