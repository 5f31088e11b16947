insert into core.version_events (document_id, action, actor, reason, happened_at)
values ($document_id, $action, $actor, $reason, $at);
