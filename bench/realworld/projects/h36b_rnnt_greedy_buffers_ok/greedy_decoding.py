# source: https://github.com/NVIDIA-NeMo/Speech/issues/8436
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class GreedyBatchedRNNTDecoder(nn.Module):
    """Batched greedy RNN-T search; its preallocated tensors are buffers so .to() moves them."""

    def __init__(self, blank_id, max_batch=64, max_symbols_per_step=5):
        super().__init__()
        self.blank_id = blank_id
        self.max_symbols = max_symbols_per_step
        self.register_buffer("sos_tokens", torch.full((max_batch,), blank_id, dtype=torch.long), persistent=False)
        self.register_buffer("step_ones", torch.ones(max_batch, dtype=torch.bool), persistent=False)

    @torch.no_grad()
    def forward(self, enc_out, enc_lens, predictor, joint):
        batch, n_frames, _ = enc_out.shape
        last_token = self.sos_tokens[:batch].clone()
        state = None
        hyps = [[] for _ in range(batch)]
        for t in range(n_frames):
            active = self.step_ones[:batch] & (t < enc_lens)
            for _ in range(self.max_symbols):
                pred_out, new_state = predictor(last_token.unsqueeze(1), state)
                logits = joint(enc_out[:, t], pred_out[:, 0])
                token = logits.argmax(dim=-1)
                emit = active & (token != self.blank_id)
                if not emit.any():
                    break
                last_token = torch.where(emit, token, last_token)
                state = new_state if state is None else tuple(
                    torch.where(emit[None, :, None], n, o) for n, o in zip(new_state, state))
                for b in emit.nonzero().flatten().tolist():
                    hyps[b].append(int(token[b]))
        return hyps
