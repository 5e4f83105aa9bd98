# source: https://github.com/theislab/scarches/issues/105
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 25
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader

from data import ExpressionDataset, load_counts
from vae import VAEArith


def train(model, dataset, n_epochs=100, lr=1e-3, batch_size=32, device="cpu"):
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-8)
    model.train()
    for epoch in range(n_epochs):
        epoch_loss = 0.0
        for x in loader:
            x = x.to(device)
            recon, mu, log_var = model(x)
            loss = VAEArith.loss(recon, x, mu, log_var)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item()
        if epoch % 10 == 0:
            print(f"epoch {epoch}: loss {epoch_loss / len(loader):.3f}")
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", default="adata_pre_hvg.npz")
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    X, cell_types, batches = load_counts(args.counts)
    dataset = ExpressionDataset(X, cell_types, batches)
    network = VAEArith(dataset.n_genes, hidden_layer_sizes=(256, 128)).to(device)
    train(network, dataset, n_epochs=args.epochs, device=device)
    torch.save(network.state_dict(), "scgen_vae.pt")
