# source: https://github.com/rasbt/LLMs-from-scratch/issues/172
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: module-added-after-placement
# shape: multi-file, loader-loop
# bug-lines: 41
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, TensorDataset

from gpt_util import calc_loss_batch, load_pretrained

BASE_CONFIG = {"vocab_size": 50257, "context_length": 128, "emb_dim": 64,
               "n_heads": 4, "n_layers": 2}


def make_loader(n=64, seq=32, batch_size=8):
    x = torch.randint(0, BASE_CONFIG["vocab_size"], (n, seq))
    y = torch.randint(0, 2, (n,))
    return DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)


def train_classifier_simple(model, train_loader, optimizer, device, num_epochs):
    for epoch in range(num_epochs):
        model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.3f}")


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_pretrained(BASE_CONFIG, device)

    for param in model.parameters():
        param.requires_grad = False
    num_classes = 2
    model.out_head = torch.nn.Linear(BASE_CONFIG["emb_dim"], num_classes)
    for param in model.trf_blocks[-1].parameters():
        param.requires_grad = True

    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.1)
    train_classifier_simple(model, make_loader(), optimizer, device, num_epochs=2)


if __name__ == "__main__":
    main()
