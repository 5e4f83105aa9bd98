# source: https://github.com/rasbt/LLMs-from-scratch/issues/392
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: multi-file, helper, loader-loop
# looks-like: module-added-after-placement
# needs: torch, tiktoken, pandas
# cpu: no written where torch was not installed; not run
import tiktoken
import torch
from torch.utils.data import DataLoader

from gpt import GPT_CONFIG_124M, GPTModel
from spam_data import SpamDataset


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)[:, -1, :]
    return torch.nn.functional.cross_entropy(logits, target_batch)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = tiktoken.get_encoding("gpt2")
    train_ds = SpamDataset("train.csv", tokenizer)
    train_loader = DataLoader(train_ds, batch_size=8, shuffle=True, drop_last=True)

    model = GPTModel(GPT_CONFIG_124M)
    model.load_state_dict(torch.load("gpt2-small-124M.pth", map_location="cpu"))
    for param in model.parameters():
        param.requires_grad = False
    num_classes = 2
    model.out_head = torch.nn.Linear(GPT_CONFIG_124M["emb_dim"], num_classes)
    for param in model.final_norm.parameters():
        param.requires_grad = True
    model.to(device)

    optimizer = torch.optim.AdamW((p for p in model.parameters() if p.requires_grad),
                                  lr=5e-5, weight_decay=0.1)
    for epoch in range(5):
        model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch + 1}: last loss {loss.item():.3f}")
    torch.save(model.state_dict(), "review_classifier.pth")


if __name__ == "__main__":
    main()
