"""The course's content rules, one module per kind of thing they check.

Each module holds small plain functions over the course model
(courselib/model.py); courselib/rules.py runs them in order:

- front_matter: page kinds and the keys of each page's front matter
- blocks: the page body (headings, boxes, tables, markers, remote files)
- markdown_rules: the Markdown of the body as Python-Markdown reads it
- register_refs: {{ instrument: ID }} mentions against data/instruments.yml
- links: anchors, links and images between pages
- quiz_rules: quiz files, their embedding, questions and objectives
- course_wide: navigation, titles, official names, template text, settings
- rendered: the safety nets on each rendered page (nothing lost, no syntax shown)
"""
