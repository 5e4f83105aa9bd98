import torch
import torch.nn as nn


def continue_prompt(model, prompt, device, steps=4):
    # The prompt and the new tokens, both on the device.
    original = prompt
    prompt = prompt.to(device)
    new = []
    for _ in range(steps):
        logits = model(prompt)[:, -1]
        new.append(torch.distributions.Categorical(logits=logits).sample()[:, None])
    return torch.cat((prompt, torch.cat(new, dim=1)), dim=1)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Embedding(50, 16), nn.Linear(16, 50)).to(device)
    return continue_prompt(model, torch.randint(0, 50, (2, 5)), device)
