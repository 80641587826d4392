# cloudgram's messages in English, the default language. Every id here has
# its Korean in ../ko/cloudgram.ftl (a test checks both ways). Arguments
# ($id, $kind, ...) are IDs, kinds and figures, inserted as they are.
# A literal brace is written {"{"} and {"}"}.

## Shared pieces

list-and = { $head } and { $last }
list-or = { $head } or { $last }
list-and-more = { $head } and { $more } more
code = `{ $text }`
did-you-mean = did you mean `{ $name }`?
first-set-here = first set here

## Types of values (E0104)

type-bool = `true` or `false`
type-replicas = an integer or a range like `2..6`
type-zones = a zone or a list of zones like `[a, b]`
type-word = a word or a string
type-text = a string
type-port = a port number between 1 and 65535
type-rate = a rate like `500rps`, `3000rpm` or `20k`
type-count = a count like `1M` or `20000`
type-ratio = a percentage like `80%` or a number between 0 and 1
type-duration = a duration like `200ms` or `2s`
type-size = a size like `512MB` or `10GB`
type-int = a non-negative integer
type-codes = a rule code or a list of codes like `[AV001, SE005]`
type-color = a colour string like `"#ff9900"`
type-kind = a catalog kind like `rds`
value-int = an integer
value-float = a decimal number
value-bool = a boolean
value-str = a string
value-word = a bare word
value-list = a list
value-range = a range
value-quantity = a quantity with a unit
value-number = a number

## Model errors and warnings

e0100 = unknown kind `{ $kind }`
e0100-note = not a kind of the catalog
e0100-help = `cloudgram kinds` lists every kind of the catalog
e0101 = duplicate id `{ $id }`
e0101-note = declared again here
e0101-first = first declared here
e0101-help = IDs are unique in the whole file: rename one of the two
e0102 = unknown id `{ $id }`
e0102-note = not declared anywhere in this file
e0102-help = declare it, e.g. `ec2 { $id }`
e0103 = `{ $kind }` is not a container kind, so `{ $id }` cannot have a block
e0103-note = block not allowed here
e0103-help = wrap the children in a container such as `group`, `subnet` or `vpc`, or move them out of the block
e0104 = `{ $key }` expects { $expected }, found { $found }
e0104-note = expected { $expected }
e0104-note-range = a range runs from the smaller to the larger
e0104-help = for example `{ $key }: { $example }`
e0105-twice = the title is set twice
e0105-twice-help = keep one `title` statement
e0105-nested = `title` is only allowed at the top level
e0105-nested-help = move `title` out of the block, to the top of the file
e0001-title = expected a string after `title`, found `{ $word }`
e0001-title-note = expected a string
e0001-title-help = quote the title: `title "{ $word }"`
e0106 = unknown direction `{ $word }`
e0106-note = expected `right`, `down`, `left` or `up`
e0106-help = use `right`, `down`, `left` or `up`
e0106-nested = `direction` is only allowed at the top level
e0106-nested-help = move `direction` to the top of the file
e0106-twice = the direction is set twice
e0106-twice-help = keep one `direction` statement
e0107 = attribute `{ $key }` is set twice
e0107-note = set again here
e0107-help = keep one of the two
e0108 = this edge statement expands to { $count } edges, more than the limit of { $limit }
e0108-note = comma lists on both sides multiply
e0108-help = connect the lists through a load balancer, queue or group instead of every pair
w0001 = unknown attribute `{ $key }`
w0001-note = no meaning to cloudgram
w0001-help = unknown keys are kept as metadata in JSON output; check the spelling if you meant a known key
w0003 = the edge `{ $from } { $op } { $to }` is written twice
w0003-note = written again here
w0003-first = first written here
w0003-help = remove one of the two, or give them different labels if they are different flows
w0004 = `{ $id }` names zone `{ $zone }`, which no `az` declares
w0004-note = not a declared zone
w0004-help = the zones declared are { $zones }; declare `az { $zone } {"{"} ... {"}"}` or name one of them

## Syntax errors

found-eof = end of file
found-eol = end of line
word-newline = a new line
word-string = a string
word-statement = a statement
word-identifier = an identifier
word-edge-operator = an edge operator (`->`, `~>`, `<->` or `--`)
word-value = a value
word-unit = a unit (`rps`, `ms`, `%`, `GB`, ...)
word-attribute = an attribute
e0001 = expected { $expected }, found { $found }
e0001-note = expected { $expected }
e0001-unexpected = unexpected { $found }
e0001-unexpected-note = unexpected here
e0001-unmatched = unmatched `{ $close }`
e0001-unmatched-note = no `{ $open }` is open here
e0001-unmatched-help = remove it, or check the braces above: a block opens with `{"{"}` after a container
slip-assoc-arrow = did you mean `->`? (`--` is an association without direction; `->` is a call)
slip-left-arrow = edges point left to right: write `b -> a` for a call from `b` to `a`
slip-arrow = did you mean `{ $right }`? the edge operators are `->`, `~>`, `<->` and `--`
slip-non-ascii-id = IDs are ASCII letters, digits, `_` and `-`; put any other text in a quoted label: `{ $kind } my_id "{ $word }"`
slip-edge-label = an edge's label follows a colon: `{ $before } : { $rest }`
slip-quote-label = quote the label: `{ $before } "{ $label }"`
slip-key-colon = separate a key from its value with `:`, e.g. `{ $key }: { $value }`
slip-dangling-operator = an edge operator needs an element on each side: `web -> db`
hint-statement = a statement is a declaration like `ec2 web "Web"` or an edge like `web -> db`
hint-value = values are numbers (`3`, `20k`, `500rps`, `99.9%`), ranges (`2..6`), `true`/`false`, "strings", words or lists `[a, b]`
hint-identifier = IDs start with a letter or `_`, then letters, digits, `_` or `-`
hint-attributes = attributes are `[key: value, key: value]`, separated by commas
hint-syntax = a declaration is `KIND ID ["LABEL"] [ATTRS] [{"{"} ... {"}"}]` and an edge `A -> B [: "LABEL"] [ATTRS]`, one statement per line or separated by `;`
e0002 = unterminated string
e0002-note = this string is never closed
e0002-help = close it with `"` on the same line; write a line break inside a label as `\n`
e0003 = unknown escape `{ $escape }` in string
e0003-note = unknown escape
e0003-help = the escapes are `\"`, `\\` and `\n`; write a backslash as `\\`
e0004 = the file is not valid UTF-8
e0004-note = invalid byte sequence here
e0004-help = save the file as UTF-8
e0005 = nesting deeper than { $limit } levels
e0005-note = this opens one level too many
e0005-help = flatten the design: declare elements at a shallower level and connect them with edges
e0006 = number too large
e0006-note = does not fit in 64 bits
e0006-help = write large counts with a multiplier, e.g. `20M`, or as a decimal
e0007 = unclosed `{ $open }`
e0007-note = this `{ $open }` is never closed
e0007-help-block = add `{ $close }` where the block ends
e0007-help-list = add `{ $close }` where the list ends

## Limits

limit-note = past the limit here
e0120 = the design declares more than { $limit } elements
e0120-help = split the design into several files, or group repeated instances with `replicas`
e0121 = the edge statements of the design expand to more than { $limit } edges
e0121-operators = the design has more than { $limit } edge operators, so more than { $limit } edges
e0121-help = connect groups through a load balancer, queue or container instead of every pair
e0122 = this string has { $chars } characters, more than the limit of { $limit }
e0122-help = keep labels short; put long text in a `note` attribute of a few lines, or in the documentation
e0123 = the labels and attributes of edge statements, copied into every edge they expand to, pass { $limit } MiB
e0123-help = shorten the labels of edge statements with many edges, or split the comma lists
w0010 = { $char } cannot appear in an SVG (XML 1.0 forbids it); it is left out of the drawing
w0010-note = this character
w0010-help = remove the character, or write the text you meant
w0002 = `allow` names unknown rule `{ $word }`
w0002-note = suppresses nothing
w0002-help = `cloudgram rules` lists every rule
color-help = write `#rgb`, `#rrggbb`, `#rrggbbaa` (with alpha) or a CSS colour name such as `"steelblue"`

## Lint findings: message, text under the caret (-note), labels, help

empty = {""}
subnet-is-public = this subnet is public
ai001 = `{ $entry }` reaches model `{ $id }` with no guardrail on the way
ai001-help = put a `guardrail` in front of it: `... -> guard -> { $id }`
ai002 = model `{ $from }` acts on `{ $to }` directly
ai002-help = let the orchestrator call the tool after validating what the model proposes
ai003 = training `{ $id }` writes no checkpoints to durable storage
ai003-help = write checkpoints to object storage, e.g. `s3 checkpoints` and `{ $id } ~> checkpoints`
av001 = `{ $id }` runs as a single instance on a request path
av001-note = one instance
av001-note-unstated = no `replicas` stated: one instance
av001-help = run at least two instances in different zones, e.g. `replicas: 2..6, autoscale`
av002 = `{ $id }` is a single point of failure: { $what } passes through it
av002-internet = every request path out to the internet
av002-stores = every request path to { $stores }
av002-stores-internet = every request path to { $stores } and out to the internet
av002-note = not redundant, and no path avoids it
av002-help-nat = run one NAT gateway per availability zone and route each zone through its own
av002-help-link = add a second link (a VPN as backup of Direct Connect, or two tunnels)
av002-help-datastore = set `multi_az` or add a replica (`replicas: 2`)
av002-help = make it redundant (`replicas: 2` across zones) or add a parallel path
av003 = { $what } sits in only one availability zone, `{ $zone }`
av003-tier = the tier of `{ $id }` ({ $count } components)
av003-datastore = datastore `{ $id }`
av003-replicas = `{ $id }` ({ $replicas } replicas)
av003-help-datastore = set `multi_az` for a standby in a second zone
av003-help = spread it over two or more zones, e.g. `azs: [a, b]`
av004 = `{ $id }` has no failover: no `multi_az` and no replica
av004-help = set `multi_az` for a standby in another zone with automatic failover
av-help-replica-arrow = if `{ $other }` is its replica, join them with a replication link, `{ $id } -- { $other }`: an arrow (`->`, `~>`) is a request, and no rule counts it as a replica
av005 = datastore `{ $id }` has no backups
av005-label = backups switched off here
av005-help = set `backup: true` (automated backups or point-in-time recovery)
av006 = cache `{ $id }` is the only datastore of `{ $owner }`: its data lives in memory only
av006-help = keep the data in a durable database and cache it, or set `backup: true` on the cache
av007 = `{ $id }` is the only link between two parts of the design
av007-help = add a second link: a VPN as backup of Direct Connect, or two tunnels on separate devices
av008 = estimated availability behind `{ $id }` is { $estimate }, below its `slo` of { $slo }
av008-note = rule-of-thumb availabilities; see `cloudgram explain AV008`
av008-fix-redundant = they are redundant already: take one off the request path, add a fallback in another region, or lower the `slo`
av008-fix = make them redundant (`replicas`, `multi_az`) or lower the `slo`
av008-help = make the dependencies redundant (`replicas`, `multi_az`) or lower the `slo`
av008-help-weakest = the weakest links are { $names }; { $fix }
k8001 = deployment `{ $id }` runs { $replicas } replica
k8001-help = run at least two pods, e.g. `replicas: 2..10`
k8002 = service `{ $id }` routes to no workload
k8002-help = draw the pods it selects, e.g. `{ $id } -> my_deployment`
k8003 = ingress `{ $id }` routes to no Kubernetes Service
k8003-help = route it to a `svc` that selects the pods: `ingress -> svc -> deployment`
k8004 = autoscaler `{ $id }` scales no deployment or statefulset
k8004-help = draw what it scales, e.g. `{ $id } -> my_deployment`
ms001 = datastore `{ $id }` is shared by { $services }
ms001-help = give each service its own datastore and share data through its API or events
ms002 = synchronous calls form a cycle between { $ids }
ms002-label = part of the cycle
ms002-help = make one direction asynchronous (`~>` through a queue or topic) or merge the services
ms003 = `{ $id }` calls { $count } services directly: { $services }
ms003-help = put an `api_gateway` in front of the services and let clients call only it
ms004 = `{ $from }` calls `{ $to }` with no timeout
ms004-help = state the call's `timeout` (and use a circuit breaker), e.g. `[timeout: 300ms]`
ms005 = `{ $id }` runs one instance but { $count } services depend on it
ms005-help = run it as a cluster of peers, e.g. `replicas: 3`
pf001 = `{ $id }` has a fixed `replicas: { $replicas }` and does not scale
pf001-unstated = `{ $id }` states no `replicas` range or `autoscale`
pf001-help = give it a range and scale on load, e.g. `replicas: { $min }..{ $max }, autoscale`
pf002 = estimated load of { $load } on `{ $id }` exceeds its capacity of { $total } ({ $replicas } × { $rate }{ $source })
pf002-assumed = , assuming { $rate } per replica for `{ $kind }`
pf002-help = allow at least { $needed } replicas (e.g. `{ $example }`), state a measured `capacity`, or put a cache in front
pf002-help-zero = state the `capacity` one replica really serves, above zero
pf003 = synchronous call chain of { $count } components is longer than { $depth }: { $chain }
pf003-note = component { $position } of the chain
pf003-help = make the later calls asynchronous (`~>`), or merge services that always call each other
pf004 = retries multiply to { $attempts } attempts at `{ $id }` for one request (limit { $max })
pf004-help = retry at one layer only (usually the outermost) and set `retries: 0` on the inner calls
pf005 = `{ $from }` gives up on `{ $to }` after { $outer }, but `{ $to }` may wait { $inner } on `{ $inner_to }`
pf005-label = the inner call
pf005-help = make this timeout longer than { $inner } or shorten the inner call's timeout
pf006 = `{ $consumer }` consumes `{ $queue }` with no dead-letter queue
pf006-help = add an `sqs` dead-letter queue, e.g. `sqs { $consumer }_dlq` and `{ $consumer } ~> { $consumer }_dlq`
pf007 = public gateway `{ $id }` states no `rate_limit`
pf007-help = throttle at the entry, e.g. `rate_limit: 1000rps`
pf008 = function `{ $from }` opens connections to `{ $to }` directly
pf008-help = put a connection proxy (RDS Proxy, PgBouncer) between the function and the database
pf009 = `{ $from }` calls the { $count } instances of `{ $to }` with no load balancer
pf009-help = put an `alb` in front: `{ $from } -> lb -> { $to }`
pf010 = traffic to `{ $target }` goes through NAT gateway `{ $nat }`
pf010-help = reach S3 and DynamoDB through a VPC gateway endpoint instead of the NAT gateway
pf011 = `{ $from }` in `{ $from_region }` calls `{ $to }` in `{ $to_region }` synchronously
pf011-help = serve the request path from one region and replicate data across regions asynchronously
se001 = datastore `{ $id }` is public
se001-label = made reachable from the internet here
se001-subnet = datastore `{ $id }` sits in public subnet `{ $subnet }`
se001-help = move it to a private subnet and let only the application reach it
se002 = `{ $from }` reaches datastore `{ $to }` directly from outside
se002-help = put an API or a service in front of the datastore and let only it connect
se003 = plaintext `{ $proto }` { $why }: this traffic crosses the internet unencrypted
se003-from = from `{ $from }` to `{ $to }`
se003-into-public = from `{ $from }` into public `{ $to }`
se003-help = use `protocol: { $proto }` on this edge
se004 = compute `{ $id }` sits in public subnet `{ $subnet }`
se004-help = move it to a private subnet behind a load balancer
se005 = `{ $id }` takes traffic from the internet with no web application firewall
se005-help = attach a `waf` to it, e.g. `waf fw` and `{ $id } -- fw`
se006 = datastore `{ $id }` is not encrypted at rest
se006-label = encryption switched off here
se006-help = set `encrypted` (encryption at rest with a managed key)
se007 = { $what } (port { $port }) on `{ $to }` is reachable from `{ $from }`
se007-help = let administrators in through a `bastion` or a `vpn`, not straight from the internet
se008 = datastore `{ $id }` shares subnet `{ $subnet }` with internet-facing `{ $exposed }`
se008-label = called from the internet
se008-help = move the datastore to a private data subnet of its own

## The frame of human diagnostics

suppressed = suppressed

## The command line's own messages (after `error:`, `help:` or alone)

cli-leaves-limit = `--leaves { $leaves }` is more than the limit of { $limit }
cli-stdin = standard input
cli-cannot-read-stdin = cannot read standard input: { $reason }
cli-cannot-read = cannot read `{ $path }`: { $reason }
cli-too-large = { $what } is larger than the limit of { $limit } MiB
cli-cannot-render = could not render `{ $file }` because of { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}
cli-cannot-draw-png = cannot draw a PNG: { $reason }
cli-output-limit = the drawing would be { $size } MiB, more than the limit of { $limit } MiB
cli-wrote = wrote { $target }
cli-unknown-extension = `{ $target }` ends in `.{ $extension }`, which names no format cloudgram writes (svg, png, json): writing SVG (choose another with --format)
cli-refuse-overwrite = refusing to write the drawing over the design `{ $file }`: `{ $target }` is the same file
cli-refuse-overwrite-help = choose another output with `-o`
cli-cannot-write = cannot write `{ $target }`: { $reason } (nothing was changed there)
import-is-input = `{ $target }` is the input; choose another output file (nothing was written)
import-cannot-write = cannot write `{ $target }`: { $reason } (nothing was written)
cli-missing-glyphs = no font on this machine draws { $sample }; they are missing from the PNG (install a font for them, e.g. fonts-nanum or fonts-noto-cjk for Hangul)
check-clean = checked { $files ->
    [one] { $files } file
   *[other] { $files } files
}: no problems found
check-summary = checked { $files ->
    [one] { $files } file
   *[other] { $files } files
}: { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}, { $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
}
check-suppressed = {" "}({ $count } suppressed)
check-unchecked = ; { $files ->
    [one] { $files } file
   *[other] { $files } files
} not checked (see the errors above)
watch-stdin = `watch` follows a file on disk, not standard input
watch-stdout = `watch` writes a file every time; `-o -` would run the drawings together
watch-stdout-help = name an output file with `-o`, or use `render -o -` once
watch-start = watching `{ $file }`; press Ctrl-C to stop
watch-gone = `{ $file }` is gone; the last drawing stays until it comes back
watch-empty = `{ $file }` is empty; the last drawing stays until it has a design again
watch-stopped = the watch on `{ $file }` stopped
watch-not-a-file = `{ $path }` does not name a file
watch-cannot-watch = cannot watch `{ $folder }`: { $reason }
fmt-cannot-parse = could not format `{ $file }`: it does not parse
fmt-formatted = formatted { $path }
fmt-cannot-write = cannot write `{ $path }`: { $reason } (it was left as it was)
io-stdout-closed = cannot write to standard output: it is closed
io-stdout-failed = cannot write to standard output: { $reason }
io-not-found = no such file
io-permission-denied = permission denied
io-is-a-directory = it is a directory
io-storage-full = no space left on the device
io-file-too-large = the file is too large (file-size limit)
io-read-only = read-only file system

## rules, explain, kinds

rules-code = code
rules-name = name
rules-category = category
rules-severity = severity
rules-summary = summary
explain-rule-header = category: { $category }, default severity: { $severity }
explain-code-header = severity: { $severity }
explain-param = parameter `{ $name }` (default { $default }): { $description }; set it in cloudgram.toml: `{ $code } = {"{"} { $name } = { $default } {"}"}`
explain-unknown = unknown rule `{ $code }`: no lint rule or compile code has this code or name
explain-unknown-help = `cloudgram rules` lists every rule; compile codes run from E0001 and W0001
explain-untranslated = (this manual is in English only)
kinds-unknown-category = unknown category `{ $category }`
kinds-categories = the categories are { $categories }
kinds-kind = kind
kinds-category = category
kinds-container = container
kinds-capacity = capacity
kinds-roles = roles
kinds-aliases = aliases
kinds-yes = yes
kinds-no = no
kinds-capacity-note = capacity: rule-of-thumb requests per second one replica serves when `capacity` is not stated (PF002)

## One-line summaries (`rules`, `explain`); a test checks they match the rules' own

ai001-summary = a path from a client to an `llm` passes no `guardrail`
ai002-summary = an `llm` calls datastores, services or third parties itself
ai003-summary = a training cluster writes no checkpoints to durable storage
av001-summary = a compute component on a request path has fewer than 2 replicas and is not managed highly-available
av002-summary = a non-redundant element dominates every path from the entry points to a datastore
av003-summary = a replicated tier, or a datastore, sits in only one availability zone
av004-summary = an rds/aurora/elasticache/documentdb datastore has no multi_az and no replica
av005-summary = a datastore states `backup: false`
av006-summary = a cache is the only datastore a component writes to
av007-summary = a single VPN or Direct Connect link is the only connection between two parts of the design
av008-summary = the estimated availability behind an element is below its stated `slo`
e0001-summary = the text does not follow the grammar
e0002-summary = a string is never closed on its line
e0003-summary = a string holds an escape other than `\"`, `\\` and `\n`
e0004-summary = the file is not valid UTF-8
e0005-summary = blocks or lists nest deeper than 100 levels
e0006-summary = a number does not fit in 64 bits
e0007-summary = a `{"{"}` or `[` is never closed
e0100-summary = a declaration names a kind the catalog does not know
e0101-summary = an ID is declared twice
e0102-summary = an edge names an ID that is declared nowhere
e0103-summary = a block `{"{"} ... {"}"}` follows a kind that is not a container
e0104-summary = a known attribute has a value of the wrong type or out of range
e0105-summary = `title` is nested in a block, or given twice
e0106-summary = `direction` is unknown, nested or given twice
e0107-summary = one attribute list sets the same key twice
e0108-summary = an edge statement expands to more than 10,000 edges
e0120-summary = the design declares more than 100,000 elements
e0121-summary = the design's edges expand to more than 250,000
e0122-summary = a string holds more than 1,000 characters
e0123-summary = edge labels and attributes copied into every edge pass 32 MiB
k8001-summary = a `deployment` has fewer than 2 replicas
k8002-summary = a Kubernetes Service routes to no workload
k8003-summary = an ingress routes to no Kubernetes Service
k8004-summary = a HorizontalPodAutoscaler scales no deployment or statefulset
ms001-summary = a datastore is called by services of two or more different tiers
ms002-summary = synchronous edges form a cycle between services
ms003-summary = clients call two or more internal services directly, with no gateway or load balancer in front
ms004-summary = a synchronous call between services states no timeout
ms005-summary = a service registry or config server with one instance serves several services
pf001-summary = a compute tier on a request path has a fixed replica count and no `autoscale`
pf002-summary = the estimated load reaching a component exceeds `capacity × replicas`
pf003-summary = a synchronous call chain is longer than a configurable depth (default 4)
pf004-summary = retries multiply along a synchronous chain beyond a limit (default 10 attempts)
pf005-summary = a caller's timeout is shorter than what its callee may wait downstream
pf006-summary = an asynchronous consumer has no dead-letter queue
pf007-summary = a public API gateway states no `rate_limit`
pf008-summary = a Lambda function connects to a relational database with no proxy
pf009-summary = clients call a replicated compute component directly, with no load balancer
pf010-summary = traffic to S3 or DynamoDB goes through a NAT gateway
pf011-summary = a synchronous call on a request path crosses regions
se001-summary = a datastore is `public` or placed in a public subnet
se002-summary = an edge goes from a client/internet/external element straight to a datastore
se003-summary = an edge from a client/internet/external element, or into a public subnet, uses an unencrypted protocol
se004-summary = a compute component (not a load balancer, NAT or bastion) sits in a public subnet
se005-summary = a public entry (ALB, API gateway, CDN) called from the internet has no WAF
se006-summary = a datastore states `encrypted: false`
se007-summary = SSH or RDP (port 22 or 3389) is reachable from the internet
se008-summary = a datastore shares a subnet with a component the internet calls directly
w0001-summary = an attribute key has no meaning to cloudgram
w0002-summary = an `allow` names no lint rule
w0003-summary = the same edge is written twice
w0004-summary = `azs` names a zone no `az` container declares
w0010-summary = a string holds a code point XML 1.0 forbids
pf003-param-depth = the most compute components one synchronous chain may hold
pf004-param-max = the most attempts one request may cause at any component

## simulate and fail: errors in what the command line names

cli-cannot-simulate = could not simulate `{ $file }` because of { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}
cli-cannot-analyse = could not analyse `{ $file }` because of { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}
fail-unknown-zone = unknown zone `{ $zone }`; the design's zones are { $zones }
fail-unknown-element = unknown element `{ $id }`
fail-not-a-region = `{ $id }` is a `{ $kind }`, not a region; fail it with `--element { $id }`
fail-unknown-region = unknown region `{ $id }`; the design's regions are { $regions }
fail-unknown-region-none = unknown region `{ $id }`; the design declares no region
fail-names-nothing = `--fail { $id }` names no zone, region or element
