# source: https://github.com/joeynmt/joeynmt/pull/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def tile(x, count, dim=0):
    return x.repeat_interleave(count, dim=dim)


@torch.no_grad()
def beam_search(decoder, size, bos_index, eos_index, encoder_output, encoder_hidden, src_mask, max_len=60):
    batch_size = encoder_output.size(0)
    device = encoder_output.device
    hidden = tile(encoder_hidden, size, dim=1)
    encoder_output = tile(encoder_output, size)
    src_mask = tile(src_mask, size)

    batch_offset = torch.arange(batch_size, dtype=torch.long, device=device)
    beam_offset = torch.arange(0, batch_size * size, step=size, dtype=torch.long, device=device)
    alive_seq = torch.full((batch_size * size, 1), bos_index, dtype=torch.long, device=device)
    topk_log_probs = torch.tensor([0.0] + [float("-inf")] * (size - 1), device=device).repeat(batch_size)
    finished = torch.zeros(batch_size * size, dtype=torch.bool, device=device)

    for _ in range(max_len):
        log_probs, hidden = decoder.step(alive_seq[:, -1:], hidden, encoder_output, src_mask)
        log_probs = log_probs.masked_fill(finished.unsqueeze(1), float("-inf"))
        log_probs[:, eos_index] = torch.where(finished, torch.zeros_like(topk_log_probs), log_probs[:, eos_index])
        curr_scores = (log_probs + topk_log_probs.unsqueeze(1)).reshape(batch_size, -1)
        topk_scores, topk_ids = curr_scores.topk(size, dim=-1)
        beam_index = topk_ids // decoder.vocab_size + beam_offset.unsqueeze(1)
        select = beam_index.view(-1)
        token_ids = (topk_ids % decoder.vocab_size).view(-1, 1)
        alive_seq = torch.cat([alive_seq.index_select(0, select), token_ids], dim=-1)
        hidden = hidden.index_select(1, select)
        topk_log_probs = topk_scores.view(-1)
        finished = finished.index_select(0, select) | token_ids.view(-1).eq(eos_index)
        if finished.view(batch_size, size).all():
            break

    best = topk_log_probs.view(batch_size, size).argmax(dim=-1) + beam_offset
    return alive_seq.index_select(0, best)[:, 1:], batch_offset
