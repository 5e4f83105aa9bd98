# source: https://github.com/microsoft/CodeXGLUE/issues/70
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 53
# needs: torch
# cpu: no written where torch was not installed; not run
"""Encoder-decoder for code-to-code translation with beam-search inference."""
import torch
import torch.nn as nn

from beam import Beam


class Seq2Seq(nn.Module):
    def __init__(self, vocab_size, d_model=512, nhead=8, layers=6,
                 beam_size=5, max_length=128, sos_id=1, eos_id=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=0)
        enc_layer = nn.TransformerEncoderLayer(d_model, nhead, batch_first=True)
        dec_layer = nn.TransformerDecoderLayer(d_model, nhead, batch_first=True)
        self.encoder = nn.TransformerEncoder(enc_layer, layers)
        self.decoder = nn.TransformerDecoder(dec_layer, layers)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.lm_head.weight = self.embed.weight
        self.log_softmax = nn.LogSoftmax(dim=-1)
        self.register_buffer("causal", torch.triu(torch.ones(2048, 2048, dtype=torch.bool), 1))
        self.beam_size, self.max_length = beam_size, max_length
        self.sos_id, self.eos_id = sos_id, eos_id

    def encode(self, source_ids, source_mask):
        return self.encoder(self.embed(source_ids), src_key_padding_mask=~source_mask.bool())

    def decode_step(self, tokens, memory, memory_mask):
        n = tokens.size(1)
        out = self.decoder(self.embed(tokens), memory, tgt_mask=self.causal[:n, :n],
                           memory_key_padding_mask=~memory_mask.bool())
        return self.log_softmax(self.lm_head(torch.tanh(out[:, -1, :])))

    def forward(self, source_ids, source_mask, target_ids=None):
        memory = self.encode(source_ids, source_mask)
        if target_ids is not None:
            n = target_ids.size(1)
            out = self.decoder(self.embed(target_ids), memory, tgt_mask=self.causal[:n, :n],
                               memory_key_padding_mask=~source_mask.bool())
            logits = self.lm_head(out)[:, :-1].reshape(-1, self.lm_head.out_features)
            return nn.functional.cross_entropy(logits, target_ids[:, 1:].reshape(-1), ignore_index=0)
        return self.beam_search(memory, source_mask)

    @torch.no_grad()
    def beam_search(self, memory, source_mask):
        preds = []
        pad = torch.cuda.LongTensor(1).fill_(0)
        for i in range(memory.size(0)):
            ctx = memory[i:i + 1].repeat(self.beam_size, 1, 1)
            ctx_mask = source_mask[i:i + 1].repeat(self.beam_size, 1)
            beam = Beam(self.beam_size, self.sos_id, self.eos_id)
            tokens = beam.current_state()
            for _ in range(self.max_length):
                if beam.done():
                    break
                beam.advance(self.decode_step(tokens, ctx, ctx_mask))
                tokens = tokens.index_select(0, beam.current_origin())
                tokens = torch.cat([tokens, beam.current_state()], dim=-1)
            hyp = [t.view(1) for t in beam.best_tokens()]
            hyp = hyp + [pad] * (self.max_length - len(hyp))
            preds.append(torch.cat(hyp).unsqueeze(0))
        return torch.cat(preds, 0)
