"""Web boilerplate: lines a scraped article carries that are not the article. Each is a regular expression that
must match the whole line (case-insensitive). The loader removes them and keeps them for audit."""

# A line matching one of these ends the article: everything from it on is comments, widgets or link lists.
TAIL_MARKERS = (
    r"leave a (comment|reply)",
    r"related (posts|articles|stories|news)",
    r"(you may|you might) also like.*",
    r"more (news|stories|from .*)",
    r"read next",
    r"comments?( \(\d+\))?",
    r"\d+ comments?",
    r"post navigation",
    r"share this( article| story)?:?",
)

# A line matching one of these is dropped where it stands.
LINE_PATTERNS = (
    r"design a site like this with wordpress\.com",
    r"get started",
    r"(blog at|powered by) wordpress(\.com)?\.?",
    r"follow .{1,60} on (x|twitter|facebook|instagram|linkedin|threads|youtube|whatsapp|telegram)\b.*",
    r"published in .{1,60}, .{0,40}\d{4}\.?",
    r"(published|posted|updated|last updated)( on)?:? .{0,40}\d{4}\.?",  # the date line; read before removal
    r"\((additional )?(reporting|writing|editing) by .{1,200}\)",  # wire credits
    r"source: [^.]{1,60}( and (news )?agencies)?",  # a source footer (the outlet is read from it first)
    r"(share|tweet|email|print|pin|like)( (this|on \w+))?:?",
    r"share on (facebook|x|twitter|whatsapp|linkedin|email).*",
    r"click to (share|email|print).*",
    r"(subscribe|sign up)( (now|today|to our newsletter|for .{0,40}))?[.!]?",
    r"your email address will not be published\..*",
    r"required fields are marked.*",
    r"like this:?", r"loading\.*", r"advertisement", r"sponsored( content)?",
    r"(copyright|©).{0,80}", r"all rights reserved\.?",
    r"(posted|filed) (in|under) .{0,80}", r"tags?: .{0,200}", r"categories: .{0,200}",
    r"read (more|also):?( .{0,120})?",
    r"(at )?\d{1,2}:\d{2}( ?[ap]\.?m\.?)?",  # a bare timestamp line ("at 5:27 PM")
    r"skip to (main )?content", r"menu", r"search( for)?:?", r"home",
)
