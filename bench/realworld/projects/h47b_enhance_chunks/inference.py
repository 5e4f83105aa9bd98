# source: https://github.com/resemble-ai/resemble-enhance/pull/77
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: stale-alias
# shape: multi-file, helper
# bug-lines: 16, 23
# needs: torch
# cpu: no written where torch was not installed; not run
"""Chunked inference: normalize each chunk, run the denoiser, and cross-fade the chunks back."""
import torch
import torch.nn.functional as F


@torch.inference_mode()
def inference_chunk(model, dwav, device, npad=441):
    length = dwav.shape[-1]
    abs_max = dwav.abs().max().clamp(min=1e-7)

    dwav = dwav.to(device)
    dwav = dwav / abs_max
    dwav = F.pad(dwav, (0, npad))
    hwav = model(dwav[None])[0].cpu()
    hwav = hwav[:length]
    hwav = hwav * abs_max
    return hwav


def merge_chunks(chunks, chunk_length, hop_length, length):
    overlap = chunk_length - hop_length
    signal = torch.zeros((len(chunks) - 1) * hop_length + chunk_length)
    fade = torch.linspace(0, 1, overlap)
    for i, chunk in enumerate(chunks):
        chunk = F.pad(chunk, (0, chunk_length - len(chunk)))
        if i > 0:
            chunk[:overlap] *= fade
        if i < len(chunks) - 1:
            chunk[-overlap:] *= fade.flip(0)
        start = i * hop_length
        signal[start:start + chunk_length] += chunk
    return signal[:length]


def enhance(model, dwav, sr, device, chunk_seconds=30.0, overlap_seconds=1.0):
    chunk_length = int(sr * chunk_seconds)
    hop_length = chunk_length - int(sr * overlap_seconds)
    chunks = []
    for start in range(0, dwav.shape[-1], hop_length):
        chunks.append(inference_chunk(model, dwav[start:start + chunk_length], device))
    return merge_chunks(chunks, chunk_length, hop_length, dwav.shape[-1])
