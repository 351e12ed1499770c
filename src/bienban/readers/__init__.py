"""One reader per file format, each turning bytes into text; ``bienban.read`` chooses among them."""
