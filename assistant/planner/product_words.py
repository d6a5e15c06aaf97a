"""The plain-English words the product vocabulary is built with: the descriptive words of product
names that name no product alone, and everyday words for generic product nouns. Language, not
store data."""

from __future__ import annotations

# Descriptive words of product names that do not name a product on their own.
GENERIC_WORDS = frozenset(
    """a an and the of for with in on by to pro plus mini max ultra premium wireless smart indoor
    outdoor hard travel full frame body only pack single origin light dark morning water
    precision electric conical rechargeable tempered glass replacement women's women men's men
    running athletic oz bag l kg g gb tb ml cm mm inch size new classic original standard
    edition set kit series model black white blue red green navy coral grey gray long short
    regular wide folding pair waterproof insulated synthetic system mid trail camp hiking
    backpacking quarterly monthly""".split()
)
# Everyday words for generic product nouns (English usage, no store facts).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "headphones": ("headphone", "headset", "earphones", "cans", "head phones"),
    "shoe": ("shoes", "sneakers", "sneaker", "trainers", "runners"),
    "socks": ("sock",),
    "card": ("sd card", "memory card", "sd"),
    "battery": ("batteries", "spare battery"),
    "plug": ("plugs", "outlet"),
    "shutter": ("remote", "remote shutter"),
    "protector": ("screen protector",),
    "cushions": ("ear pads", "earpads", "ear cushions", "pads"),
    "decaf": ("decaffeinated",),
    "camera": ("cam body",),
    "cam": ("security camera", "security cam"),
    "grinder": ("coffee grinder",),
    "kettle": ("tea kettle",),
}
