# source: https://github.com/zjukg/KoPA/issues/11
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: input-dtype-mismatch
# shape: multi-file, class, helper
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""Knowledge prefix adapter: structural KG embeddings become virtual tokens for the LLM."""
import torch
from torch import nn


class KGPrefixAdapter(nn.Module):
    def __init__(self, entity_emb, relation_emb, llm_hidden_size):
        super().__init__()
        self.ent = nn.Embedding.from_pretrained(entity_emb, freeze=True)
        self.rel = nn.Embedding.from_pretrained(relation_emb, freeze=True)
        self.proj = nn.Linear(entity_emb.size(1), llm_hidden_size)

    def forward(self, triple_ids):                # (B, 3): head, relation, tail
        h = self.ent(triple_ids[:, 0])
        r = self.rel(triple_ids[:, 1])
        t = self.ent(triple_ids[:, 2])
        return self.proj(torch.stack([h, r, t], dim=1))   # (B, 3, H)


class KoPA(nn.Module):
    def __init__(self, llm, adapter):
        super().__init__()
        self.llm = llm
        self.adapter = adapter

    def _build_inputs(self, input_ids, attention_mask, triple_ids):
        prefix = self.adapter(triple_ids)
        token_embeds = self.llm.get_input_embeddings()(input_ids)
        inputs_embeds = torch.cat([prefix, token_embeds], dim=1)
        prefix_mask = torch.ones(prefix.shape[:2], dtype=attention_mask.dtype,
                                 device=attention_mask.device)
        return inputs_embeds, torch.cat([prefix_mask, attention_mask], dim=1)

    @torch.no_grad()
    def generate(self, input_ids, attention_mask, triple_ids, **gen_kwargs):
        inputs_embeds, mask = self._build_inputs(input_ids, attention_mask, triple_ids)
        return self.llm.generate(inputs_embeds=inputs_embeds, attention_mask=mask, **gen_kwargs)
