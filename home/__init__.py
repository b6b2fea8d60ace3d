"""The pages people read: the public home page and its figures, the public
information pages, the signed-in work home (what needs each person) with its
lists, chasing, and the error pages. It sits above every domain app (it reads
from all of them) and nothing but config imports it."""
