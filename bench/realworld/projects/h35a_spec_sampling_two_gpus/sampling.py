# source: https://github.com/feifeibear/LLMSpeculativeSampling/issues/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# bug-lines: 35, 39
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Speculative sampling (Leviathan et al. / Chen et al.) with a draft and a target LM."""
import torch


def norm_logits(logits, temperature, top_k=20):
    logits = logits / max(temperature, 1e-5)
    if top_k > 0:
        kth = torch.topk(logits, top_k)[0][..., -1, None]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    return torch.softmax(logits.float(), dim=-1)


def sample(probs):
    return torch.multinomial(probs, num_samples=1)


def max_fn(x):
    x = torch.clamp(x, min=0)
    return x / x.sum(dim=-1, keepdim=True)


@torch.no_grad()
def speculative_sampling(prefix, draft, target, max_len, gamma=4, temperature=1.0):
    target_device = next(target.parameters()).device
    seq_len = prefix.shape[1]
    total = seq_len + max_len
    while prefix.shape[1] < total:
        x = prefix.cuda()
        prefix_len = prefix.shape[1]
        draft_probs = []
        for _ in range(gamma):
            q = norm_logits(draft(x).logits[:, -1, :], temperature)
            draft_probs.append(q)
            x = torch.cat((x, sample(q)), dim=1)

        p_all = target(x.to(target_device)).logits
        n = prefix_len - 1
        for i in range(gamma):
            j = x[:, prefix_len + i]
            p = norm_logits(p_all[:, prefix_len + i - 1, :], temperature)
            q = draft_probs[i].to(target_device)
            r = torch.rand(1, device=target_device)
            if r > (p[:, j] / q[:, j]).min():
                break
            n += 1

        prefix = x[:, : n + 1].to(target_device)
        if n < prefix_len + gamma - 1:
            residual = max_fn(norm_logits(p_all[:, n, :], temperature) - draft_probs[n - prefix_len + 1].to(target_device))
            prefix = torch.cat((prefix, sample(residual)), dim=1)
        else:
            prefix = torch.cat((prefix, sample(norm_logits(p_all[:, -1, :], temperature))), dim=1)
    return prefix
