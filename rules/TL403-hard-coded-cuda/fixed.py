def evaluate(model, batch, device):
    model.to(device)
    labels = batch["labels"].cuda()  # expect: TL403
    mask = batch["mask"].to("cuda:0")  # expect: TL403
    return model(batch["x"].to(device)), labels, mask
