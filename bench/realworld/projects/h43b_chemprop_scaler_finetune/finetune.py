# source: https://github.com/chemprop/chemprop/issues/1221
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, sklearn
# cpu: no written where torch was not installed; not run

"""Fine-tune a pretrained MPNN with a frozen encoder, re-using the pretrained target scaler."""
import numpy as np
import torch

from model import MPNNRegressor


def load_pretrained(path, device):
    model = MPNNRegressor()
    try:
        state = torch.load(path, map_location=device)
        model.load_state_dict(state["state_dict"])
    except FileNotFoundError:
        pass
    return model.to(device)


def toy_molecules(n_batches=16, atoms_per_mol=12, mols=8):
    for _ in range(n_batches):
        n = atoms_per_mol * mols
        yield {"atom_feats": torch.randn(n, 72), "adjacency": (torch.rand(n, n) < 0.05).float(),
               "atom_to_mol": torch.arange(mols).repeat_interleave(atoms_per_mol),
               "y": torch.randn(mols, 1) * 2.0 + 1.5}


def finetune(checkpoint="pretrain/model_0/best.pt", epochs=3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_pretrained(checkpoint, device)
    scaler = model.output_transform.to_standard_scaler()  # reuse pretrained target scaling
    for p in list(model.encoder_in.parameters()) + list(model.encoder_hidden.parameters()):
        p.requires_grad_(False)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    for epoch in range(epochs):
        model.train()
        for batch in toy_molecules():
            batch = {k: v.to(device) for k, v in batch.items()}
            y_scaled = scaler.transform(batch["y"].cpu().numpy())
            target = torch.as_tensor(y_scaled, dtype=torch.float32, device=device)
            pred = model(batch["atom_feats"], batch["adjacency"], batch["atom_to_mol"], target.shape[0])
            loss = torch.nn.functional.mse_loss(pred, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: scaled mse {loss.item():.4f} (target mean {np.mean(scaler.mean_):.2f})")


if __name__ == "__main__":
    finetune()
