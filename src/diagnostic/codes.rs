//! The manual of every compile code (`E…` errors, `W…` warnings), for
//! `cloudgram explain E0102`: what it means, an example, the fix. The lint
//! rules' manuals are their doc comments (see `crate::lint`).

use super::Severity;

/// One compile code and its manual.
#[derive(Debug, Clone, Copy)]
pub struct CodeDoc {
    /// `E0102`.
    pub code: &'static str,
    /// `unknown-id`.
    pub name: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// Sections `## What it means`, `## Example`, `## Fix`; examples in
    /// ```` ```cgr ```` blocks compile as shown (a test checks them), others in
    /// ```` ```text ````.
    pub doc: &'static str,
}

macro_rules! codes {
    ($( $code:literal $name:literal $sev:ident $summary:literal $doc:literal ;)*) => {
        /// Every compile code, in code order.
        pub const CODES: &[CodeDoc] = &[
            $( CodeDoc {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                summary: $summary,
                doc: $doc,
            }, )*
        ];
    };
}

codes! {
    "E0001" "syntax-error" Error "the text does not follow the grammar"
"## What it means
The parser expected something else at this place: the message says what, in
words. After an error the parser skips to the next statement and goes on, so
every syntax error of a file is reported in one run (at most 50).

## Example
```cgr
ec2 web Web Server
web --> db
```

## Fix
Quote labels, and use one of the four edge operators (`->`, `~>`, `<->`, `--`):
```cgr
ec2 web \"Web Server\"
rds db
web -> db
```";

    "E0002" "unterminated-string" Error "a string is never closed on its line"
"## What it means
A label or string value opens with `\"` and the line ends before it closes.
Strings stay on one line.

## Example
```cgr
ec2 web \"Web server [replicas: 2]
```

## Fix
Close the string; write a line break inside a label as `\\n`:
```cgr
ec2 web \"Web server\\nfront end\" [replicas: 2]
```";

    "E0003" "invalid-escape" Error "a string holds an escape other than `\\\"`, `\\\\` and `\\n`"
"## What it means
Inside a string a backslash starts an escape, and only `\\\"`, `\\\\` and `\\n`
exist.

## Example
```cgr
ec2 web \"C:\\temp\"
```

## Fix
Double the backslash:
```cgr
ec2 web \"C:\\\\temp\"
```";

    "E0004" "invalid-utf8" Error "the file is not valid UTF-8"
"## What it means
Source files are UTF-8. The file holds a byte sequence that is not, often
because an editor saved it in a legacy encoding (EUC-KR, Latin-1).

## Example
```text
rds <byte 0xff> db
```

## Fix
Save the file as UTF-8 (most editors: \"Save with encoding\").
```cgr
rds db \"주문 DB\"
```";

    "E0005" "nesting-too-deep" Error "blocks or lists nest deeper than 100 levels"
"## What it means
Nesting is unlimited in the language, but the compiler stops at 100 levels
of `{` and `[` so that no input can exhaust its stack. Real designs nest
fewer than ten (region > vpc > az > subnet > group).

## Example
```text
group g1 { group g2 { group g3 { ... 101 levels ... } } }
```

## Fix
Flatten the design: declare elements at a shallower level and connect them with edges.
```cgr
region r {
  vpc v {
    ec2 web
  }
}
```";

    "E0006" "number-out-of-range" Error "a number does not fit in 64 bits"
"## What it means
Integers are 64-bit; this one is larger.

## Example
```cgr
client users [users: 99999999999999999999999]
```

## Fix
Write large counts with a multiplier:
```cgr
client users [users: 20M]
```";

    "E0007" "unclosed-delimiter" Error "a `{` or `[` is never closed"
"## What it means
A block or an attribute list opens and the file ends before it closes. The
error points at the opening brace or bracket.

## Example
```cgr
vpc main {
  ec2 web
```

## Fix
Close it where the block or list ends:
```cgr
vpc main {
  ec2 web
}
```";

    "E0100" "unknown-kind" Error "a declaration names a kind the catalog does not know"
"## What it means
The first word of a declaration is its kind, a catalog name or alias.
`cloudgram kinds` lists them.

## Example
```cgr
postgress db
```

## Fix
Use a kind of the catalog (the help suggests the nearest):
```cgr
postgres db
```";

    "E0101" "duplicate-id" Error "an ID is declared twice"
"## What it means
IDs are unique in the whole file, whatever the container, because edges
refer to them from anywhere.

## Example
```cgr
ec2 web \"Web A\"
ec2 web \"Web B\"
```

## Fix
Rename one of the two:
```cgr
ec2 web_a \"Web A\"
ec2 web_b \"Web B\"
```";

    "E0102" "unknown-id" Error "an edge names an ID that is declared nowhere"
"## What it means
Both ends of an edge must be declared somewhere in the file (before or after
the edge).

## Example
```cgr
ec2 web
rds orders_db
web -> order_db
```

## Fix
Fix the spelling (the help suggests the nearest ID), or declare the element:
```cgr
ec2 web
rds orders_db
web -> orders_db
```";

    "E0103" "not-a-container" Error "a block `{ ... }` follows a kind that is not a container"
"## What it means
Only container kinds (`region`, `vpc`, `az`, `subnet`, `group`, `k8s`, ...)
take a block of children; `cloudgram kinds` marks them.

## Example
```cgr
ec2 web {
  rds db
}
```

## Fix
Wrap the children in a container, or move them out:
```cgr
group app {
  ec2 web
  rds db
}
```";

    "E0104" "attribute-type" Error "a known attribute has a value of the wrong type or out of range"
"## What it means
Attributes with a meaning take values of one type: `replicas` an integer or
a range, `port` a number from 1 to 65535, `timeout` a duration, and so on.

## Example
```cgr
ec2 web [replicas: \"two\"]
```

## Fix
Write a value of the type the message names:
```cgr
ec2 web [replicas: 2]
```";

    "E0105" "misplaced-title" Error "`title` is nested in a block, or given twice"
"## What it means
A design has at most one title, at the top level.

## Example
```cgr
title \"Shop\"
title \"Shop v2\"
```

## Fix
Keep one, at the top of the file:
```cgr
title \"Shop v2\"
```";

    "E0106" "invalid-direction" Error "`direction` is unknown, nested or given twice"
"## What it means
`direction` sets the main flow of the drawing: `right`, `down`, `left` or
`up`, once, at the top level.

## Example
```cgr
direction sideways
```

## Fix
```cgr
direction down
```";

    "E0107" "duplicate-attribute" Error "one attribute list sets the same key twice"
"## What it means
A key may appear once in an attribute list; which of two values was meant
cannot be guessed.

## Example
```cgr
rds db [multi_az, multi_az: false]
```

## Fix
Keep one of the two:
```cgr
rds db [multi_az]
```";

    "E0108" "too-many-edges" Error "an edge statement expands to more than 10,000 edges"
"## What it means
Comma lists on both sides of an operator multiply (`a, b -> c, d` is four
edges). Past 10,000 edges from one statement the compiler stops, so that no
input can make it allocate without bound.

## Example
```text
a1, a2, ..., a200 -> b1, b2, ..., b200
```

## Fix
Connect the lists through a load balancer, queue or group:
```cgr
ec2 a1
ec2 a2
alb lb
ec2 b1
ec2 b2
a1, a2 -> lb -> b1, b2
```";

    "E0120" "too-many-elements" Error "the design declares more than 100,000 elements"
"## What it means
A design may declare at most 100,000 components and containers, so that no
input can make the compiler, the linter or the layout run without bound.

## Example
```text
ec2 web1
ec2 web2
... (100,001 declarations)
```

## Fix
Draw a fleet as one component with its replica count:
```cgr
ec2 web [replicas: 100000]
```";

    "E0121" "too-many-edges-in-design" Error "the design's edges expand to more than 250,000"
"## What it means
All edge statements of a design together may expand to at most 250,000 edges
(comma lists multiply, see E0108).

## Example
```text
a1, ..., a500 -> b1, ..., b500
```

## Fix
Connect groups through a load balancer or queue instead of every pair:
```cgr
ec2 a1
ec2 a2
alb lb
ec2 b1
a1, a2 -> lb -> b1
```";

    "E0122" "string-too-long" Error "a string holds more than 1,000 characters"
"## What it means
Labels, titles and string values are limited to 1,000 characters, so that
measuring and drawing text stays fast.

## Example
```text
ec2 web \"(a label of 1,001 characters)\"
```

## Fix
Keep the label short and put the detail in a note or comment:
```cgr
ec2 web \"Web tier\" [note: \"nginx + SSR\"]
```";

    "E0123" "too-much-edge-text" Error "edge labels and attributes copied into every edge pass 32 MiB"
"## What it means
A label and attributes after an edge statement apply to every edge it
expands to. Their total copied text is limited to 32 MiB.

## Example
```text
a1, ..., a100 -> b1, ..., b100 : \"(a 5,000-character label)\"
```

## Fix
Label the edge once, through a balancer, with a short label:
```cgr
ec2 a1
alb lb
ec2 b1
a1 -> lb -> b1 : \"HTTPS\"
```";

    "W0001" "unknown-attribute" Warning "an attribute key has no meaning to cloudgram"
"## What it means
Unknown keys are kept (they show up in JSON output) but nothing reads them,
so a misspelt key silently does nothing. The help suggests the nearest known key.

## Example
```cgr
rds db [multi_azs]
```

## Fix
Spell the key as the catalog does, or keep it on purpose as metadata:
```cgr
rds db [multi_az]
```";

    "W0002" "unknown-rule" Warning "an `allow` names no lint rule"
"## What it means
`allow` switches lint rules off for an element by code or name. A code or
name that matches no rule suppresses nothing.

## Example
```cgr
ec2 web [allow: AV01]
```

## Fix
Name a rule as `cloudgram rules` lists it:
```cgr
ec2 web [allow: AV001]
```";

    "W0003" "duplicate-edge" Warning "the same edge is written twice"
"## What it means
Two edges with the same endpoints, operator and label are one flow drawn
twice, and every rule that counts edges counts it twice. `a <-> b` and
`b <-> a` are the same edge, and so are `a -- b` and `b -- a`.

## Example
```cgr
ec2 web
rds db
web -> db
web -> db
```

## Fix
Remove one, or label them if they are different flows:
```cgr
ec2 web
rds db
web -> db : \"reads\"
web -> db : \"writes\"
```";

    "W0004" "undeclared-zone" Warning "`azs` names a zone no `az` container declares"
"## What it means
When a design declares its zones as `az` containers, every zone in an `azs`
list should be one of them; otherwise the zone analysis (AV003) counts a zone
that does not exist. `az az_a` declares zone `a` as well as `az_a`. A design
that declares no `az` is not checked.

## Example
```cgr
az a {
  ec2 web_a
}
az b {
  ec2 web_b
}
rds db [azs: [a, c]]
```

## Fix
Name a declared zone, or declare the missing one:
```cgr
az a {
  ec2 web_a
}
az b {
  ec2 web_b
}
rds db [azs: [a, b]]
```";

    "W0010" "character-not-drawable" Warning "a string holds a code point XML 1.0 forbids"
"## What it means
SVG is XML, and XML 1.0 forbids some code points (most control characters,
U+FFFE and U+FFFF). They are left out of the drawing so that the SVG stays
well-formed.

## Example
```cgr
ec2 web \"Web\u{FFFF}\"
```

## Fix
Remove the character:
```cgr
ec2 web \"Web\"
```";

}

/// Finds a compile code by code or name (case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static CodeDoc> {
    CODES.iter().find(|c| {
        c.code.eq_ignore_ascii_case(code_or_name) || c.name.eq_ignore_ascii_case(code_or_name)
    })
}
