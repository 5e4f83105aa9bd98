# source: https://github.com/vgel/repeng/issues/30
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def batched_get_hiddens(model, tokenizer, texts, hidden_layers, batch_size):
    """Last-token hidden state of every text, for each requested layer."""
    batches = [texts[i:i + batch_size] for i in range(0, len(texts), batch_size)]
    collected = {layer: [] for layer in hidden_layers}
    with torch.no_grad():
        for batch in batches:
            encoded = tokenizer(batch, padding=True, return_tensors="pt").to(model.device)
            out = model(**encoded, output_hidden_states=True)
            for layer in hidden_layers:
                picked = out.hidden_states[layer][:, -1]  # tokenizer pads on the left
                collected[layer].append(picked.float().cpu().numpy())
    return {layer: np.vstack(chunks) for layer, chunks in collected.items()}


def read_representations(model, tokenizer, pairs, hidden_layers=None, batch_size=32):
    """One steering direction per layer from (positive, negative) prompt pairs."""
    if hidden_layers is None:
        hidden_layers = list(range(-1, -model.config.num_hidden_layers, -1))
    texts = [text for pair in pairs for text in (pair.positive, pair.negative)]
    hiddens = batched_get_hiddens(model, tokenizer, texts, hidden_layers, batch_size)

    directions = {}
    for layer in hidden_layers:
        h = hiddens[layer]
        diffs = h[::2] - h[1::2]
        diffs = diffs - diffs.mean(axis=0, keepdims=True)
        _, _, vt = np.linalg.svd(diffs, full_matrices=False)
        direction = vt[0]
        projected = h @ direction
        if np.mean(projected[::2] < projected[1::2]) > 0.5:
            direction = -direction
        directions[layer] = direction.astype(np.float32)
    return directions
