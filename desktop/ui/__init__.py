"""The Qt desktop app: a thin layer of widgets over ``desktop.engine`` (one widget per file)."""
