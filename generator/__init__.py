"""Journey Playbook: content.yaml -> a multilingual MkDocs playbook site."""

__version__ = "0.1.0"
