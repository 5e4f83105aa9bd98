def evaluate(model, batch, device):
    model.to(device)
    labels = batch["labels"].to(device)  # expect: TL403
    mask = batch["mask"].to(device)  # expect: TL403
    return model(batch["x"].to(device)), labels, mask
