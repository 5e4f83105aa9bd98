# source: https://github.com/RUCAIBox/RecBole/pull/1749
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, loader-loop
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
"""Train Mult-VAE on an implicit-feedback log."""
import torch
from torch.utils.data import DataLoader

from h57a_interactions import InteractionLog, UserIdDataset
from h57a_mult_vae import MultVAE


def main(path="data/ml-1m/ratings.csv", epochs=30, batch_size=500):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    log = InteractionLog(path)
    model = MultVAE(log.n_items, log.user_histories()).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(UserIdDataset(log.n_users), batch_size=batch_size, shuffle=True)

    step = 0
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for user in loader:
            user = user.to(device)
            loss = model.calculate_loss(user, step)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
            step += 1
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")


if __name__ == "__main__":
    main()
