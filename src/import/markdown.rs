//! Front matter: the metadata block at the top of a Markdown or text file, YAML
//! between `---` lines or TOML between `+++` lines, read into a JSON object.

use serde_json::{Map, Value};

/// A file split into its front matter (when it has some) and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    pub front: Option<Result<Map<String, Value>, FrontMatterError>>,
    pub body: &'a str,
    /// The line the body starts on (1-based), for problems in the body.
    pub body_line: usize,
}

/// A front matter block that is not valid YAML or TOML, or not a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line in the file, when the parser says.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Splits off the front matter. A file that opens with `---` or `+++` but never
/// closes the block has none: its first line is then text, as an editor would show it.
pub fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let none = Split {
        front: None,
        body: text,
        body_line: 1,
    };
    let Some(fence) = ["---", "+++"]
        .into_iter()
        .find(|f| text.lines().next().map(str::trim_end) == Some(*f))
    else {
        return none;
    };
    let first_len = text.find('\n').map_or(text.len(), |i| i + 1);
    let rest = &text[first_len..];
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == fence || (fence == "---" && line.trim_end() == "...") {
            let block = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let front = if fence == "---" {
                yaml(block)
            } else {
                toml_block(block)
            };
            return Split {
                front: Some(front),
                body,
                body_line: index + 3,
            };
        }
        offset += line.len();
    }
    none
}

fn yaml(block: &str) -> Result<Map<String, Value>, FrontMatterError> {
    if block.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_yaml_ng::from_str::<Value>(block) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(FrontMatterError {
            line: Some(2),
            column: None,
            message: "front matter must be a mapping of `key: value` lines".into(),
        }),
        Err(error) => Err(FrontMatterError {
            // The block starts on the file's second line.
            line: error.location().map(|l| l.line() + 1),
            column: error.location().map(|l| l.column()),
            message: format!("front matter is not valid YAML: {error}"),
        }),
    }
}

fn toml_block(block: &str) -> Result<Map<String, Value>, FrontMatterError> {
    match block.parse::<toml::Table>() {
        Ok(table) => Ok(table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect()),
        Err(error) => {
            let line = error.span().map(|span| {
                block
                    .get(..span.start)
                    .unwrap_or(block)
                    .matches('\n')
                    .count()
                    + 2
            });
            Err(FrontMatterError {
                line,
                column: None,
                message: format!("front matter is not valid TOML: {}", error.message()),
            })
        }
    }
}

/// TOML values as JSON; dates and times as the text they were written as.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_front_matter() {
        let yaml_file = "---\ntitle: Beria to Molotov\ndate: 1945-10-05\ntags: [xinjiang, altai]\n---\nTop Secret\n";
        let split_yaml = split(yaml_file);
        let front = split_yaml.front.unwrap().unwrap();
        assert_eq!(front["title"], "Beria to Molotov");
        assert_eq!(front["date"], "1945-10-05");
        assert_eq!(split_yaml.body, "Top Secret\n");
        assert_eq!(split_yaml.body_line, 6);

        let toml_file = "+++\ntitle = \"Note\"\ndate = 1945-10-05\n+++\nBody";
        let front = split(toml_file).front.unwrap().unwrap();
        assert_eq!(front["date"], "1945-10-05");
    }

    #[test]
    fn broken_front_matter_says_where() {
        let file = "---\ntitle: [unclosed\n---\nBody\n";
        let error = split(file).front.unwrap().unwrap_err();
        assert!(error.line.is_some(), "{error:?}");
        let unclosed = split("---\ntitle: x\nno end");
        assert!(unclosed.front.is_none());
    }
}
