//! Which field a column holds: the names people give their columns, and `--map`.

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Date,
    Edtf,
    DocType,
    Summary,
    Text,
    TextFile,
    TextLanguage,
    TextRole,
    Translators,
    People,
    Author,
    Recipient,
    Places,
    Subjects,
    Citation,
    Repository,
    RepositoryName,
    RepositoryPlace,
    Classification,
    Language,
    Collection,
    Url,
    Rights,
    RightsStatement,
    License,
    /// Kept in `extra` under this key.
    Extra(String),
    Ignore,
}

/// The field names `--map` accepts, and the column names read as each field.
const NAMES: &[(&str, &[&str])] = &[
    ("id", &["id", "recordid"]),
    ("title", &["title", "documenttitle", "heading"]),
    ("date", &["date", "documentdate", "datewritten"]),
    ("edtf", &["edtf", "dateedtf"]),
    ("type", &["type", "doctype", "documenttype", "genre"]),
    ("summary", &["summary", "description", "abstract"]),
    (
        "text",
        &["text", "body", "transcription", "transcript", "fulltext"],
    ),
    ("text_file", &["textfile", "transcriptionfile"]),
    ("text_language", &["textlanguage"]),
    ("text_role", &["textrole"]),
    (
        "translators",
        &["translators", "translator", "translatedby"],
    ),
    ("people", &["people", "persons", "person", "names"]),
    ("author", &["author", "authors", "sender", "from"]),
    ("recipient", &["recipient", "recipients", "addressee", "to"]),
    ("places", &["places", "place", "location"]),
    (
        "subjects",
        &["subjects", "subject", "tags", "tag", "keywords", "keyword"],
    ),
    (
        "citation",
        &[
            "citation",
            "source",
            "archive",
            "callnumber",
            "shelfmark",
            "archivalcitation",
        ],
    ),
    ("repository", &["repository"]),
    ("repository_name", &["repositoryname"]),
    ("repository_place", &["repositoryplace"]),
    ("classification", &["classification"]),
    ("language", &["language", "lang", "originallanguage"]),
    ("collection", &["collection", "collections"]),
    ("url", &["url", "link"]),
    ("rights", &["rights", "rightsstatus"]),
    ("rights_statement", &["rightsstatement"]),
    ("license", &["license", "licence"]),
    ("extra", &[]),
    ("ignore", &[]),
];

fn field_of_name(name: &str) -> Option<Field> {
    Some(match name {
        "id" => Field::Id,
        "title" => Field::Title,
        "date" => Field::Date,
        "edtf" => Field::Edtf,
        "type" | "doc_type" => Field::DocType,
        "summary" => Field::Summary,
        "text" => Field::Text,
        "text_file" => Field::TextFile,
        "text_language" => Field::TextLanguage,
        "text_role" => Field::TextRole,
        "translators" => Field::Translators,
        "people" => Field::People,
        "author" => Field::Author,
        "recipient" => Field::Recipient,
        "places" => Field::Places,
        "subjects" => Field::Subjects,
        "citation" => Field::Citation,
        "repository" => Field::Repository,
        "repository_name" => Field::RepositoryName,
        "repository_place" => Field::RepositoryPlace,
        "classification" => Field::Classification,
        "language" => Field::Language,
        "collection" => Field::Collection,
        "url" => Field::Url,
        "rights" => Field::Rights,
        "rights_statement" => Field::RightsStatement,
        "license" => Field::License,
        "ignore" => Field::Ignore,
        _ => return None,
    })
}

/// "Call number" -> "callnumber".
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field for `--map`'s FIELD: a field name, `extra`, `extra.NAME` or `ignore`.
pub fn map_field(field: &str, column: &str) -> Result<Field, String> {
    let field = field.trim();
    if field == "extra" {
        return Ok(Field::Extra(column.trim().to_string()));
    }
    if let Some(key) = field.strip_prefix("extra.") {
        return Ok(Field::Extra(key.to_string()));
    }
    field_of_name(&field.to_lowercase()).ok_or_else(|| {
        let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
        format!(
            "unknown field {field:?} in --map (known: {}, extra.NAME)",
            names.join(", ")
        )
    })
}

/// What a header names: `--map` first, then the known names, then `extra`.
pub(super) fn field_of_column(header: &str, map: &[(String, String)]) -> Field {
    let key = normalise(header);
    if let Some((column, field)) = map.iter().find(|(c, _)| normalise(c) == key) {
        return map_field(field, column).unwrap_or(Field::Extra(header.trim().to_string()));
    }
    if let Some(extra) = header.trim().strip_prefix("extra.") {
        return Field::Extra(extra.to_string());
    }
    NAMES
        .iter()
        .find(|(_, aliases)| aliases.contains(&key.as_str()))
        .and_then(|(name, _)| field_of_name(name))
        .unwrap_or_else(|| Field::Extra(header.trim().to_string()))
}
