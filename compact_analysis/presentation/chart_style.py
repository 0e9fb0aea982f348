"""The house style every chart shares: readable in greyscale, one font size, no top or right spine."""

STYLE = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 110,
    "savefig.dpi": 110,
}
INK = "#1b1b1b"
TARGET = "#5a5a5a"
PROJECTION = "#7a7a7a"
