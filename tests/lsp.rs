//! `cloudgram lsp` driven over standard input and output as an editor
//! drives it: initialize, didOpen, diagnostics, didChange, hover,
//! completion, go to definition, formatting, shutdown and exit.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Client {
    child: Child,
    to: ChildStdin,
    from: Receiver<Value>,
    next: u64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cloudgram"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let to = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, from) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                out.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            to,
            from,
            next: 0,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.to, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.to.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.receive();
            if m["id"] == json!(id) {
                assert!(m.get("error").is_none(), "{method}: {m}");
                return m["result"].clone();
            }
        }
    }

    fn receive(&mut self) -> Value {
        self.from
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers")
    }

    /// The next diagnostics published.
    fn diagnostics(&mut self) -> Vec<Value> {
        loop {
            let m = self.receive();
            if m["method"] == "textDocument/publishDiagnostics" {
                assert_eq!(m["params"]["uri"], URI);
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

const URI: &str = "file:///nonexistent/dir/shop%20v2.cgr";

fn at(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

fn labels(result: &Value) -> Vec<String> {
    let items = result
        .as_array()
        .or_else(|| result["items"].as_array())
        .unwrap();
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_editor_session() {
    let mut c = Client::start();
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(caps["documentFormattingProvider"], true);
    assert!(caps["completionProvider"].is_object());
    c.notify("initialized", json!({}));

    // A slip: the error with its span, code and help.
    let broken = "client users\nalb lb\nec2 web [replicas: 2]\nrds db\nusers -> lb -> web -> db\nweb -> dbb\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "cloudgram", "version": 1, "text": broken}}),
    );
    let d = c.diagnostics();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "E0102");
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(
        d[0]["range"],
        json!({"start": {"line": 5, "character": 7}, "end": {"line": 5, "character": 10}})
    );
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("help: did you mean `db`?"),
        "{d:?}"
    );

    // Fixed: the lint findings, with their help.
    let text = "client users\nalb lb\nec2 web [replicas: 2]\nrds db\nusers -> lb -> web -> db\n";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let d = c.diagnostics();
    let av004 = d
        .iter()
        .find(|d| d["code"] == "AV004")
        .unwrap_or_else(|| panic!("{d:?}"));
    assert_eq!(av004["severity"], 2);
    assert_eq!(av004["range"]["start"], json!({"line": 3, "character": 0}));
    assert!(av004["message"].as_str().unwrap().contains("\nhelp: "));
    assert!(d.iter().all(|d| d["source"] == "cloudgram"));

    // Hover: a kind, an attribute key, an ID.
    let h = c.request("textDocument/hover", at(3, 1));
    let kind = h["contents"]["value"].as_str().unwrap();
    assert!(kind.starts_with("**rds** (database)"), "{kind}");
    assert!(
        kind.contains("a datastore") && kind.contains("zonal"),
        "{kind}"
    );
    let h = c.request("textDocument/hover", at(2, 12));
    let key = h["contents"]["value"].as_str().unwrap();
    assert!(key.starts_with("**replicas**: instance count"), "{key}");
    let h = c.request("textDocument/hover", at(4, 23));
    let id = h["contents"]["value"].as_str().unwrap();
    assert!(id.starts_with("`db`: a `rds`, declared on line 4"), "{id}");
    assert_eq!(c.request("textDocument/hover", at(4, 6)), Value::Null);

    // Completion: declared IDs after an operator, keys inside `[`, kinds on a new line.
    let with = |c: &mut Client, text: &str, line: u32, character: u32| {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": text}]}),
        );
        c.diagnostics();
        labels(&c.request("textDocument/completion", at(line, character)))
    };
    let ids = with(&mut c, &format!("{text}web -> "), 5, 7);
    assert!(
        ids.contains(&"db".to_string()) && ids.contains(&"users".to_string()),
        "{ids:?}"
    );
    assert!(!ids.contains(&"rds".to_string()), "{ids:?}");
    let keys = with(&mut c, &format!("{text}ec2 cache [rep"), 5, 14);
    assert!(keys.contains(&"replicas".to_string()) && keys.contains(&"multi_az".to_string()));
    let kinds = with(&mut c, &format!("{text}post"), 5, 4);
    assert!(kinds.contains(&"postgres".to_string()) && kinds.contains(&"rds".to_string()));
    assert!(kinds.contains(&"direction".to_string()));

    // Go to definition: from a use of `web` to its declaration.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 4}, "contentChanges": [{"text": text}]}),
    );
    c.diagnostics();
    let def = c.request("textDocument/definition", at(4, 16));
    assert_eq!(def["uri"], URI);
    assert_eq!(
        def["range"],
        json!({"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 7}})
    );

    // Formatting: the text of `cloudgram fmt`, in one edit.
    let messy = "vpc v{ec2   a # the app\n}";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 5}, "contentChanges": [{"text": messy}]}),
    );
    c.diagnostics();
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(
        edits,
        json!([{
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 1}},
            "newText": "vpc v {\n    ec2 a # the app\n}\n"
        }])
    );

    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}
