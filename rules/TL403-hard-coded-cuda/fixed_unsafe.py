def evaluate(model, batch, device):
    model.to(device)
    labels = batch["labels"].to(device)  # expect: TL403:14
    mask = batch["mask"].to(device)  # expect: TL403:29
    return model(batch["x"].to(device)), labels, mask
