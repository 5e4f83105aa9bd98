# source: https://github.com/espnet/espnet/pull/6114
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, helper
# looks-like: legacy-tensor-constructor
# needs: torch
# cpu: no written where torch was not installed; not run
"""Beam search for an RNN-T model, used by the streaming ASR demo."""
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import torch


@dataclass
class Hypothesis:
    score: float
    yseq: List[int]
    dec_state: Optional[Tuple[torch.Tensor, torch.Tensor]] = None
    lm_tokens: List[int] = field(default_factory=list)


class BeamSearchTransducer:
    def __init__(self, decoder, joint, beam_size=4, blank_id=0):
        self.decoder = decoder
        self.joint = joint
        self.beam_size = beam_size
        self.blank_id = blank_id
        self.device = next(decoder.parameters()).device

    def _last_tokens(self, hyps):
        # built on the host from Python ints, then copied to the decoder's device
        return torch.LongTensor([[h.yseq[-1]] for h in hyps]).to(self.device)

    def __call__(self, enc_out):
        beam = [Hypothesis(score=0.0, yseq=[self.blank_id])]
        for t in range(enc_out.size(0)):
            tokens = self._last_tokens(beam)
            dec_out, _ = self.decoder(tokens)
            logp = torch.log_softmax(self.joint(enc_out[t].expand(len(beam), -1), dec_out[:, -1]), dim=-1)
            candidates = []
            for i, hyp in enumerate(beam):
                top_logp, top_k = logp[i].topk(self.beam_size)
                for lp, k in zip(top_logp.tolist(), top_k.tolist()):
                    yseq = hyp.yseq if k == self.blank_id else hyp.yseq + [k]
                    candidates.append(Hypothesis(score=hyp.score + lp, yseq=yseq))
            beam = sorted(candidates, key=lambda h: h.score, reverse=True)[: self.beam_size]
        return beam
