"""Git and diffs: the one place that runs git. A change's files, statuses and changed lines.

``git`` runs every git process; ``read`` reads a change between two refs, ``working`` the
working tree's and the index's changes, ``blobs`` file versions, ``fetch`` the commits a shallow
checkout lacks. ``model`` holds the records (Change, FileChange) that the rule API, the pipeline
and the review share.

May import config and the core records (findings, fingerprint, errors) only.
"""
