# source: https://github.com/MinishLab/model2vec/pull/86
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class TokenEncoder(nn.Module):
    def __init__(self, vocab_size=3000, dim=96):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.mix = nn.TransformerEncoderLayer(dim, nhead=4, batch_first=True)

    def forward(self, ids):
        return self.mix(self.embed(ids))


def encode_vocabulary(model, vocab_size, device, batch_size=256):
    chunks = []
    model.eval()
    with torch.no_grad():
        for start in range(0, vocab_size, batch_size):
            ids = torch.arange(start, min(start + batch_size, vocab_size), device=device)
            hidden = model(ids.unsqueeze(1)).squeeze(1)
            chunks.append(hidden.detach().cpu().numpy())
    return np.concatenate(chunks, axis=0)


def reduce_dims(vectors, out_dim=32):
    centered = vectors - vectors.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(centered, full_matrices=False)
    return centered @ vt[:out_dim].T


def save_static_model(path, model, vocab_size, device):
    table = encode_vocabulary(model, vocab_size, device)
    table = reduce_dims(table).astype(np.float32)
    norms = np.linalg.norm(table, axis=1, keepdims=True)
    np.save(path, table / np.clip(norms, 1e-8, None))
    return table.shape


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = TokenEncoder().to(device)
    print(save_static_model("static_embeddings.npy", encoder, 3000, device))
