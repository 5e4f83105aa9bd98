# source: https://github.com/jarviszhb/KnowledgeTracing/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 27, 28
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class InteractionEmbedding(nn.Module):
    """Embeds exercise ids and (exercise, correctness) interactions for SAKT."""

    def __init__(self, n_questions, seq_len, dim):
        super().__init__()
        self.n_questions = n_questions
        self.seq_len = seq_len
        self.question_emb = nn.Linear(n_questions, dim, bias=False)
        self.interaction_emb = nn.Linear(2 * n_questions, dim, bias=False)
        self.position_emb = nn.Embedding(seq_len, dim)

    def forward(self, interactions):
        # interactions: [batch, seq_len, 2 * n_questions] one-hot (question x correct)
        n_batch = interactions.size(0)
        questions = interactions[:, :, :self.n_questions] + interactions[:, :, self.n_questions:]
        position_ids = torch.arange(self.seq_len).unsqueeze(0).expand(n_batch, -1)
        pos = self.position_emb(position_ids)
        query = self.question_emb(questions) + pos
        key_value = self.interaction_emb(interactions)
        return query, key_value
