# source: https://github.com/torchkge-team/torchkge/pull/246
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, loader-loop
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""Bernoulli negative sampling (Wang et al. 2014): corrupt the head with prob tph / (tph + hpt)."""
import torch


class BernoulliNegativeSampler:
    def __init__(self, kg):
        self.n_ent = kg.n_ent
        self.bern_probs = self._head_corruption_probs(kg)   # built once on the host
        self._probs_cache = None

    @staticmethod
    def _head_corruption_probs(kg):
        pairs_hr = torch.unique(torch.stack([kg.head_idx, kg.relations], 1), dim=0)
        pairs_tr = torch.unique(torch.stack([kg.tail_idx, kg.relations], 1), dim=0)
        n_triples = torch.bincount(kg.relations, minlength=kg.n_rel).float()
        tph = n_triples / torch.bincount(pairs_hr[:, 1], minlength=kg.n_rel).clamp(min=1)
        hpt = n_triples / torch.bincount(pairs_tr[:, 1], minlength=kg.n_rel).clamp(min=1)
        return tph / (tph + hpt)

    def _probs_on(self, device):
        if self._probs_cache is None or self._probs_cache.device != device:
            self._probs_cache = self.bern_probs.to(device)
        return self._probs_cache

    def corrupt_batch(self, heads, tails, relations):
        probs = self._probs_on(relations.device)[relations]
        corrupt_head = torch.bernoulli(probs).bool()
        random_ent = torch.randint(0, self.n_ent, heads.shape, device=heads.device)
        neg_heads = torch.where(corrupt_head, random_ent, heads)
        neg_tails = torch.where(corrupt_head, tails, random_ent)
        return neg_heads, neg_tails
